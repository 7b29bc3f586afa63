import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fixedWidthConnectorType, previewFixedWidth } from "../../lib/connectors/fixed-width/fixed-width-connector.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { ExportChange } from "../../lib/engine/types.ts";
import { deltaItems, errorsOf, importItems, objectsOf, useTempFile } from "./file-harness.ts";

let dir: string;
let path: string;
useTempFile("payroll.dat", (t) => ({ dir, path } = t), "idsync-fixed-");

// 01 = person: id(3-8) name(9-23) salary(24-31, right, 0-padded) mail(32-61)
// 02 = group:  id(3-8) name(9-23) member(24-53)
const columns = [
  { name: "id", start: 3, length: 6 },
  { name: "name", start: 9, length: 15 },
  { name: "salary", start: 24, length: 8, align: "right", pad: "0", objectTypes: ["person"] },
  { name: "mail", start: 32, length: 30, objectTypes: ["person"] },
  { name: "member", start: 24, length: 30, objectTypes: ["group"] },
];
const recordType = { start: 1, length: 2, types: { "01": "person", "02": "group" } };

function parse(config: Record<string, unknown> = {}) {
  return fixedWidthConnectorType.configSchema.parse({ path, anchor: "id", columns, recordType, multiValued: ["mail", "member"], ...config });
}
function open(config: Record<string, unknown> = {}): Connector {
  return fixedWidthConnectorType.create(parse(config));
}
const line = (code: string, id: string, name: string, rest: string) => `${code}${id.padEnd(6)}${name.padEnd(15)}${rest}`;

describe("fixed-width import", () => {
  it("reads record types, strips pads (right-aligned zeros, left-aligned spaces) and splits multi-values", async () => {
    await writeFile(
      path,
      [
        line("01", "E1", "Ann Lee", "00052000" + "a@x|b@x".padEnd(30)),
        "",
        line("02", "G1", "Staff", "E1|E2".padEnd(30)),
        line("01", "E2", "  Bob", "00000000" + " ".repeat(30)),
        line("01", "E3", "", "        " + " ".repeat(30)),
      ].join("\n") + "\n",
    );
    const items = await importItems(open());
    expect(errorsOf(items)).toEqual([]);
    expect(objectsOf(items).map((o) => [o.objectType, o.attrs, o.source?.line])).toEqual([
      ["person", { id: ["E1"], name: ["Ann Lee"], salary: ["52000"], mail: ["a@x", "b@x"] }, 1],
      ["group", { id: ["G1"], name: ["Staff"], member: ["E1", "E2"] }, 3],
      ["person", { id: ["E2"], name: ["Bob"], salary: ["0"] }, 4],
      ["person", { id: ["E3"] }, 5],
    ]);
  });

  it("keeps leading spaces when trim is off", async () => {
    await writeFile(path, line("01", "E2", "  Bob", "00000001" + " ".repeat(30)) + "\n");
    expect(objectsOf(await importItems(open({ trim: false })))[0]!.attrs.name).toEqual(["  Bob"]);
  });

  it("reports a short line, an unknown record type, a missing and a duplicate anchor by line, and imports the rest", async () => {
    await writeFile(
      path,
      [
        line("01", "E1", "Ann", "00000001" + " ".repeat(30)),
        line("01", "E2", "Short", "0001"),
        line("09", "X1", "What", ""),
        line("01", "", "No id", "00000001" + " ".repeat(30)),
        line("01", "E1", "Again", "00000001" + " ".repeat(30)),
        line("01", "E4", "Fine", "00000001" + " ".repeat(30)),
      ].join("\r\n"),
    );
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["E1", "E4"]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line])).toEqual([
      ["fixed-width-short-line", 2],
      ["fixed-width-unknown-record-type", 3],
      ["fixed-width-missing-anchor", 4],
      ["fixed-width-duplicate-anchor", 5],
    ]);
    expect(errorsOf(items)[0]!.message).toBe(`${path}:2: the line has 27 characters but the person columns need 61`);
  });

  it("stops with ConnectivityError on a missing file", async () => {
    await expect(importItems(open())).rejects.toMatchObject({ name: "ConnectivityError", code: "file-not-found" });
  });

  it("validates the config: overlapping columns, undeclared anchor, unknown object types", () => {
    expect(() => parse({ columns: [{ name: "id", start: 1, length: 5 }, { name: "x", start: 5, length: 2 }], recordType: undefined })).toThrow(/overlap/);
    expect(() => parse({ anchor: "nope" })).toThrow(/is not a declared column/);
    expect(() => parse({ columns: [{ name: "id", start: 3, length: 6, objectTypes: ["robot"] }] })).toThrow(/not an object type/);
    expect(() => parse({ columns: [{ name: "id", start: 1, length: 6 }] })).toThrow(/overlap/);
  });

  it("describes each record type's columns and previews the first records", async () => {
    const schema = await open({ referenceColumns: ["member"] }).discoverSchema();
    expect(schema.objectTypes.map((t) => [t.name, t.attributes.map((a) => `${a.name}${a.multiValued ? "*" : ""}${a.type === "reference" ? "@" : ""}`)])).toEqual([
      ["person", ["id", "name", "salary", "mail*"]],
      ["group", ["id", "name", "member*@"]],
    ]);
    await writeFile(path, [line("01", "E1", "Ann", "00000001" + " ".repeat(30)), line("02", "G", "g", "")].join("\n"));
    const preview = await previewFixedWidth(parse(), 5);
    expect(preview.columns).toEqual(["id", "name", "salary", "member", "mail"]);
    expect(preview.items.map((i) => i.kind)).toEqual(["object", "error"]);
  });

  it("reads change records for delta import", async () => {
    const cols = [{ name: "op", start: 1, length: 1 }, { name: "id", start: 2, length: 4 }, { name: "name", start: 6, length: 10 }];
    await writeFile(path, ["AE1  Ann       ", "UE2  Bob       ", "DE3            ", "XE4  Who       "].join("\n"));
    const c = fixedWidthConnectorType.create(fixedWidthConnectorType.configSchema.parse({ path, anchor: "id", columns: cols, changeTypeColumn: "op" }));
    // single letters are not change types: A/U/D must be spelled out
    expect(errorsOf((await deltaItems(c)).items)).toHaveLength(4);
    await writeFile(path, ["add   E1  Ann       ", "updateE2  Bob       ", "deleteE3            "].join("\n"));
    const c2 = fixedWidthConnectorType.create(
      fixedWidthConnectorType.configSchema.parse({ path, anchor: "id", columns: [{ name: "op", start: 1, length: 6 }, { name: "id", start: 7, length: 4 }, { name: "name", start: 11, length: 10 }], changeTypeColumn: "op" }),
    );
    const { items } = await deltaItems(c2);
    expect(items.map((i) => i.kind === "change" && [i.op, i.anchor, i.attrs])).toEqual([
      ["add", "E1", { id: ["E1"], name: ["Ann"] }],
      ["update", "E2", { id: ["E2"], name: ["Bob"] }],
      ["delete", "E3", undefined],
    ]);
  });
});

describe("fixed-width export", () => {
  const add = (id: string, objectType: string, attrs: Record<string, string[]>): ExportChange => ({ id: `cs-${id}`, op: "add", objectType, anchor: null, dn: id, changes: {}, attrs: { id: [id], ...attrs } });

  it("round-trips both record types with padding and multi-values (separator and rows)", async () => {
    for (const multiValueMode of ["separator", "rows"]) {
      const file = `${dir}/${multiValueMode}.dat`;
      const c = open({ multiValueMode, path: file });
      const s = await c.openExport!();
      const results = await s.write([
        add("E1", "person", { name: ["Ann Lee"], salary: ["52000"], mail: ["a@x", "b@x"] }),
        add("G1", "group", { name: ["Staff"], member: ["E1", "E2", "E3"] }),
        add("E2", "person", { name: ["Zoë"], salary: ["0"] }),
      ]);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      await s.commit();
      const text = await readFile(file, "utf8");
      expect(text.split("\n")[0]).toBe(line("01", "E1", "Ann Lee", "00052000" + (multiValueMode === "rows" ? "a@x" : "a@x|b@x").padEnd(30)));
      const objects = objectsOf(await importItems(c));
      expect(objects.map((o) => [o.objectType, o.attrs])).toEqual([
        ["person", { id: ["E1"], name: ["Ann Lee"], salary: ["52000"], mail: ["a@x", "b@x"] }],
        ["group", { id: ["G1"], name: ["Staff"], member: ["E1", "E2", "E3"] }],
        ["person", { id: ["E2"], name: ["Zoë"], salary: ["0"] }],
      ]);
    }
  });

  it("refuses values longer than their column, columns of another record type, unknown object types", async () => {
    await writeFile(path, line("01", "E1", "Ann", "00000001" + " ".repeat(30)) + "\n" + "bad line\n");
    const c = open();
    const s = await c.openExport!();
    const results = await s.write([
      { id: "u1", op: "update", objectType: "person", anchor: "E1", dn: "E1", changes: { name: { replace: ["A name much too long"] } } },
      { id: "u2", op: "update", objectType: "person", anchor: "E1", dn: "E1", changes: { member: { replace: ["x"] } } },
      add("R1", "robot", { name: ["R2D2"] }),
      { id: "u3", op: "update", objectType: "person", anchor: "E1", dn: "E1", changes: { name: { replace: ["Anne"] } } },
    ]);
    expect(results.map((r) => [r.ok, r.code])).toEqual([
      [false, "fixed-width-export-bad-value"],
      [false, "fixed-width-export-bad-value"],
      [false, "fixed-width-export-bad-value"],
      [true, undefined],
    ]);
    expect(results[0]!.message).toMatch(/longer than column "name" \(15\)/);
    await s.commit();
    expect(await readFile(path, "utf8")).toBe(line("01", "E1", "Anne", "00000001" + " ".repeat(30)) + "\nbad line\n");
    expect(await readFile(`${path}.bak`, "utf8")).toContain("Ann ");
  });
});
