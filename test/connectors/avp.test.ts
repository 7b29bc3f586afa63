import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { avpConnectorType, previewAvp } from "../../lib/connectors/avp/avp-connector.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { ExportChange } from "../../lib/engine/types.ts";
import { deltaItems, errorsOf, importItems, objectsOf, useTempFile } from "./file-harness.ts";

let path: string;
useTempFile("people.txt", (t) => ({ path } = t), "idsync-avp-");

function open(config: Record<string, unknown> = {}): Connector {
  return avpConnectorType.create(avpConnectorType.configSchema.parse({ path, anchor: "id", ...config }));
}

describe("AVP import", () => {
  it("reads records separated by blank lines, repeated names as multi-values, trims, keeps separators in values", async () => {
    await writeFile(path, "\n\nid: 1\nname:  Ann Lee  \nmail: a@x\nmail: b@x\nmail: a@x\nurl: http://x:80/a\nempty:\n\n\n\nid:2\r\nname: Bob\r\n");
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => [o.anchor, o.attrs, o.source?.line])).toEqual([
      ["1", { id: ["1"], name: ["Ann Lee"], mail: ["a@x", "b@x"], url: ["http://x:80/a"] }, 3],
      ["2", { id: ["2"], name: ["Bob"] }, 13],
    ]);
  });

  it("reads name=value records ended by a marker line, with comments and blank lines inside", async () => {
    await writeFile(path, "# export of 2024\nid=1\n\nname=a=b\n# note\n---\nid=2\ntype=group\n---\n");
    const objects = objectsOf(await importItems(open({ separator: "=", marker: "---", commentPrefix: "#", objectTypeAttribute: "type" })));
    expect(objects.map((o) => [o.anchor, o.objectType, o.attrs])).toEqual([
      ["1", "person", { id: ["1"], name: ["a=b"] }],
      ["2", "group", { id: ["2"], type: ["group"] }],
    ]);
  });

  it("fails a record with a malformed line, a missing or duplicate anchor, naming the line; the rest imports", async () => {
    await writeFile(path, "id: 1\nname: a\n\nid: 2\nthis line is wrong\nname: b\n\nname: nobody\n\n: no name\nid: 3\n\nid: 1\n\nid: 4\n");
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["1", "4"]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line, e.anchor])).toEqual([
      ["avp-bad-line", 5, "2"],
      ["avp-missing-anchor", 8, undefined],
      ["avp-bad-line", 10, undefined],
      ["avp-duplicate-anchor", 13, "1"],
    ]);
    expect(errorsOf(items)[0]!.message).toBe(`${path}:5: the line has no ":" between a name and a value; the record starting on line 4 is skipped`);
  });

  it("reports a wrong encoding on its line and reads latin1 and UTF-16 files", async () => {
    await writeFile(path, Buffer.concat([Buffer.from("id: 1\nname: Fran"), Buffer.from([0xe7]), Buffer.from("ois\n\nid: 2\n")]));
    const items = await importItems(open());
    expect(errorsOf(items)).toMatchObject([{ code: "avp-bad-encoding", source: { line: 2 } }]);
    expect(objectsOf(await importItems(open({ encoding: "latin1" })))[0]!.attrs.name).toEqual(["François"]);
    await writeFile(path, Buffer.from("\uFEFFid: 1\nname: Zoë\n", "utf16le"));
    expect(objectsOf(await importItems(open({ encoding: "utf16le" })))[0]!.attrs).toEqual({ id: ["1"], name: ["Zoë"] });
  });

  it("stops with ConnectivityError on a missing file", async () => {
    await expect(importItems(open())).rejects.toMatchObject({ name: "ConnectivityError", code: "file-not-found" });
  });

  it("discovers attributes per object type (repeated = multi-valued) and previews", async () => {
    await writeFile(path, "id: 1\nkind: person\nmail: a\nmail: b\n\nid: 2\nkind: group\nmember: 1\n\nid: 3\nkind: person\nmail: c\nmanager: 1\n");
    const config = avpConnectorType.configSchema.parse({ path, anchor: "id", objectTypeAttribute: "kind", referenceAttributes: ["member", "manager"] });
    const schema = await avpConnectorType.create(config).discoverSchema();
    expect(schema.objectTypes.map((t) => [t.name, t.attributes.map((a) => `${a.name}${a.multiValued ? "*" : ""}${a.type === "reference" ? "@" : ""}`)])).toEqual([
      ["person", ["id", "kind", "mail*", "manager@", "member@"]],
      ["group", ["id", "kind", "member@", "manager@"]],
    ]);
    const preview = await previewAvp(config, 2);
    expect(preview.columns).toEqual(["id", "kind", "mail", "member"]);
    expect(preview.items).toHaveLength(2);
  });

  it("reads change records for delta import", async () => {
    await writeFile(path, "changetype: add\nid: 1\nname: Ann\n\nchangetype: delete\nid: 2\n\nchangetype: modify\nid: 3\nname: Cy\n\nid: 4\n");
    const c = open({ changeTypeAttribute: "changetype" });
    const { items } = await deltaItems(c);
    expect(items.map((i) => (i.kind === "change" ? [i.op, i.anchor, i.attrs] : [i.code, i.source?.line]))).toEqual([
      ["add", "1", { id: ["1"], name: ["Ann"] }],
      ["delete", "2", undefined],
      ["update", "3", { id: ["3"], name: ["Cy"] }],
      ["avp-bad-change-type", 12],
    ]);
  });
});

describe("AVP export", () => {
  const add = (id: string, attrs: Record<string, string[]>): ExportChange => ({ id: `cs-${id}`, op: "add", objectType: "person", anchor: null, dn: id, changes: {}, attrs: { id: [id], ...attrs } });

  it("round-trips multi-values and odd characters; keeps comments, bad records and the marker", async () => {
    await writeFile(path, "# header comment\nid=1\nname=Ann\n%%\nbroken\n%%\n");
    const c = open({ separator: "=", marker: "%%", commentPrefix: "#" });
    const s = await c.openExport!();
    const results = await s.write([
      add("2", { name: ["Zoë: = ; , \"q\" 😀"], mail: ["a@x", "b@x", "c@x"] }),
      { id: "u1", op: "update", objectType: "person", anchor: "1", dn: "1", changes: { mail: { add: ["ann@x"] } } },
      add("3", { note: ["two\nlines"] }),
      add("4", { note: [" padded "] }),
    ]);
    expect(results.map((r) => [r.ok, r.code])).toEqual([
      [true, undefined],
      [true, undefined],
      [false, "avp-export-bad-value"],
      [false, "avp-export-bad-value"],
    ]);
    await s.commit();
    expect(await readFile(path, "utf8")).toBe('# header comment\nid=1\nname=Ann\nmail=ann@x\n%%\nbroken\n%%\nid=2\nname=Zoë: = ; , "q" 😀\nmail=a@x\nmail=b@x\nmail=c@x\n%%\n');
    const items = await importItems(c);
    expect(objectsOf(items).map((o) => o.attrs)).toEqual([
      { id: ["1"], name: ["Ann"], mail: ["ann@x"] },
      { id: ["2"], name: ['Zoë: = ; , "q" 😀'], mail: ["a@x", "b@x", "c@x"] },
    ]);
    expect(errorsOf(items)).toHaveLength(1);
  });

  it("writes `name: value` records with blank lines and deletes records", async () => {
    await writeFile(path, "id: 1\nname: Ann\n\nid: 2\nname: Bob\n");
    const c = open();
    const s = await c.openExport!();
    await s.write([{ id: "d", op: "delete", objectType: "person", anchor: "1", dn: "1", changes: {} }, add("3", { name: ["Cy"] })]);
    await s.commit();
    expect(await readFile(path, "utf8")).toBe("id: 2\nname: Bob\n\nid: 3\nname: Cy\n\n");
    expect(await readFile(`${path}.bak`, "utf8")).toBe("id: 1\nname: Ann\n\nid: 2\nname: Bob\n");
  });
});
