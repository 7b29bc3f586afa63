// The csv-spectrum corpus (npm csv-spectrum: edge cases every CSV parser should agree on) read by
// the delimited parser. location_coordinates.csv is left out: its JSON gives another phone number
// than its CSV and its bytes are not UTF-8, so it cannot agree with any parser.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { DelimitedParser, type DelimitedRow } from "../../lib/connectors/delimited/delimited-parser.ts";

const root = dirname(createRequire(import.meta.url).resolve("csv-spectrum/package.json"));
const names = readdirSync(join(root, "csvs"))
  .filter((f) => f.endsWith(".csv") && f !== "location_coordinates.csv")
  .map((f) => f.slice(0, -4));

function parse(text: string, chunk: number): string[][] {
  const parser = new DelimitedParser({ delimiter: ",", qualifier: '"', escape: "doubled" });
  const out: DelimitedRow[] = [];
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), out);
  parser.end(out);
  return out.map((r) => {
    if (r.kind !== "row") throw new Error(`line ${r.line}: ${r.reason}`);
    return r.fields;
  });
}

describe("csv-spectrum corpus", () => {
  it("has its cases", () => expect(names.length).toBeGreaterThanOrEqual(11));
  for (const name of names) {
    it(`reads ${name}.csv as its JSON says (whole and in 1-7 character chunks)`, () => {
      const text = readFileSync(join(root, "csvs", `${name}.csv`), "utf8");
      const expected = JSON.parse(readFileSync(join(root, "json", `${name}.json`), "utf8")) as Record<string, string>[];
      for (const chunk of [text.length || 1, 1, 7]) {
        const [header, ...rows] = parse(text, chunk);
        expect(rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])))).toEqual(expected);
      }
    });
  }
});
