import { writeFile } from "node:fs/promises";
import { fixedWidthConnectorType } from "../../lib/connectors/fixed-width/fixed-width-connector.ts";
import type { AttrValues } from "../../lib/engine/types.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";

const columns = [
  { name: "uid", start: 1, length: 10 },
  { name: "displayName", start: 11, length: 20 },
  { name: "mail", start: 31, length: 60 },
];

runConnectorConformance("fixed-width (multi-values by separator)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.dat");
  return {
    ...PEOPLE,
    connectorType: fixedWidthConnectorType,
    config: { path, anchor: "uid", columns, multiValued: ["mail"], dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    seed: (objects) => writeFile(path, objects.map((o) => `${o.uid![0]!.padEnd(10)}${o.displayName![0]!.padEnd(20)}${(o.mail ?? []).join("|").padEnd(60)}\n`).join("")),
    badConfig: { path: `${dir}/missing/people.dat`, anchor: "uid", columns },
    cleanup: remove,
  };
});

runConnectorConformance("fixed-width (record types, multi-values by rows, CRLF latin1)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.dat");
  const typed = [{ name: "uid", start: 3, length: 10 }, { name: "displayName", start: 13, length: 20 }, { name: "mail", start: 33, length: 30, objectTypes: ["person"] }];
  const seed = async (objects: AttrValues[]) => {
    const lines: string[] = [];
    for (const o of objects) for (const m of o.mail!) lines.push(`01${o.uid![0]!.padEnd(10)}${o.displayName![0]!.padEnd(20)}${m.padEnd(30)}`);
    await writeFile(path, Buffer.from(lines.join("\r\n") + "\r\n", "latin1"));
  };
  return {
    ...PEOPLE,
    connectorType: fixedWidthConnectorType,
    config: { path, anchor: "uid", columns: typed, recordType: { start: 1, length: 2, types: { "01": "person", "02": "group" } }, multiValued: ["mail"], multiValueMode: "rows", encoding: "latin1", dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    seed,
    badConfig: { path: `${dir}/missing/people.dat`, anchor: "uid", columns },
    cleanup: remove,
  };
});
