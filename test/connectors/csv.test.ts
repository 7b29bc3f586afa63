import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvConnectorType } from "../../lib/connectors/csv/csv-connector.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { ExportChange, FullImportItem, ImportedObject } from "../../lib/engine/types.ts";
import { errorsOf, importItems, objectsOf, useTempFile } from "./file-harness.ts";

let dir: string;
let path: string;
useTempFile("hr.csv", (t) => ({ dir, path } = t), "idsync-csv-");

function open(config: Record<string, unknown> = {}): Connector {
  return csvConnectorType.create(csvConnectorType.configSchema.parse({ path, anchor: "id", ...config }));
}

function add(id: string, attrs: Record<string, string[]>, extra: Partial<ExportChange> = {}): ExportChange {
  return { id: `cs-${id}`, op: "add", objectType: "person", anchor: null, dn: id, changes: {}, attrs: { id: [id], ...attrs }, ...extra };
}

describe("CSV import", () => {
  for (const [name, nl] of [["LF", "\n"], ["CRLF", "\r\n"]] as const) {
    it(`reads quoted fields with delimiters, quotes and line breaks, with the right start lines (${name})`, async () => {
      const text = [
        "id,name,address,note",
        `1,"Doe, John","1 Main St${nl}Springfield","said ""hi"""`,
        "",
        `2,Smith,"a${nl}${nl}b",`,
        "3,Plain,x,y",
      ].join(nl);
      await writeFile(path, text + nl);
      const objects = objectsOf(await importItems(open()));
      expect(objects.map((o) => [o.anchor, o.source?.line])).toEqual([
        ["1", 2],
        ["2", 5],
        ["3", 8],
      ]);
      expect(objects[0]!.attrs).toEqual({ id: ["1"], name: ["Doe, John"], address: [`1 Main St${nl}Springfield`], note: ['said "hi"'] });
      expect(objects[1]!.attrs.note).toBeUndefined();
      expect(objects[0]!.source?.file).toBe(path);
    });
  }

  it("strips a UTF-8 BOM so the first column keeps its name", async () => {
    await writeFile(path, "\uFEFFid,name\n1,Zoë\n");
    const [o] = objectsOf(await importItems(open()));
    expect(o).toMatchObject({ anchor: "1", attrs: { id: ["1"], name: ["Zoë"] } });
  });

  it("reports a row with the wrong number of fields by line and goes on", async () => {
    await writeFile(path, "id,name\n1,a\n2,b,extra\n3\n4,d\n");
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["1", "4"]);
    const errors = errorsOf(items);
    expect(errors.map((e) => [e.code, e.source?.line])).toEqual([
      ["csv-bad-row", 3],
      ["csv-bad-row", 4],
    ]);
    expect(errors[0]!.message).toBe(`${path}:3: the row has 3 fields but the header has 2`);
  });

  it("reads stray quotes as data instead of losing the records after them", async () => {
    await writeFile(path, 'id,height,name\r\n1,5\'11",Dwayne "The Rock" Johnson\r\n2,"b"x,y\r\n3,"multi\r\nline",z\r\n4,c,d\r\n');
    const objects = objectsOf(await importItems(open()));
    expect(objects.map((o) => [o.anchor, o.source?.line])).toEqual([
      ["1", 2],
      ["2", 3],
      ["3", 4],
      ["4", 6],
    ]);
    expect(objects[0]!.attrs).toEqual({ id: ["1"], height: [`5'11"`], name: ['Dwayne "The Rock" Johnson'] });
    expect(objects[1]!.attrs.height).toEqual(['"b"x']);
  });

  it("stops on a quote that never closes, naming the line, rather than guess where records start", async () => {
    // Going on would drop every row after it silently, and the engine would stage deletes for them.
    await writeFile(path, 'id,name\r\n1,a\r\n2,"multi\r\nline"\r\n3,"never closed\r\n4,c\r\n5,d\r\n');
    const seen: FullImportItem[] = [];
    const run = async () => {
      for await (const batch of open().fullImport({ batchSize: 1 })) seen.push(...batch);
    };
    await expect(run()).rejects.toMatchObject({ name: "ConnectivityError", code: "csv-unreadable", message: expect.stringContaining(`${path}:5: Quote Not Closed`) });
    expect(errorsOf(seen)).toEqual([]);
  });

  it("reports a missing anchor and a duplicate anchor, keeping the first row", async () => {
    await writeFile(path, "id,name\n1,first\n,none\n1,second\n2,two\n");
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => [o.anchor, o.attrs.name![0]])).toEqual([
      ["1", "first"],
      ["2", "two"],
    ]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line, e.anchor])).toEqual([
      ["csv-missing-anchor", 3, undefined],
      ["csv-duplicate-anchor", 4, "1"],
    ]);
    expect(errorsOf(items)[1]!.message).toMatch(/already used on line 2/);
  });

  it("leaves empty cells out, splits multi-valued columns and skips rows of only delimiters", async () => {
    await writeFile(path, "id,mail,phone\n1,a@x||b@x,\n,,\n2,,555\n");
    const objects = objectsOf(await importItems(open({ multiValued: ["mail"] })));
    expect(objects.map((o) => o.attrs)).toEqual([{ id: ["1"], mail: ["a@x", "b@x"] }, { id: ["2"], phone: ["555"] }]);
  });

  it("reads latin1 files", async () => {
    await writeFile(path, Buffer.from("id;name\n1;Fran\xe7ois M\xfcller\n", "latin1"));
    const [o] = objectsOf(await importItems(open({ encoding: "latin1", delimiter: ";" })));
    expect(o!.attrs.name).toEqual(["François Müller"]);
  });

  it("builds DNs from the template (escaped) and object types from a column", async () => {
    await writeFile(path, "id,uid,type\n1,\"doe, j\",person\n2,grp,group\n3,x,\n");
    const objects = objectsOf(await importItems(open({ dnTemplate: "uid={uid},ou=people", objectTypeColumn: "type" })));
    expect(objects.map((o) => [o.dn, o.objectType])).toEqual([
      ["uid=doe\\, j,ou=people", "person"],
      ["uid=grp,ou=people", "group"],
      ["uid=x,ou=people", "person"],
    ]);
    await writeFile(path, "id,name\n7,a\n");
    expect(objectsOf(await importItems(open()))[0]!.dn).toBe("7");
  });

  it("reports an empty DN template column as a bad row", async () => {
    await writeFile(path, "id,uid\n1,\n");
    const items = await importItems(open({ dnTemplate: "uid={uid},ou=people" }));
    expect(errorsOf(items)).toMatchObject([{ code: "csv-bad-row", message: expect.stringMatching(/"uid" of the DN template is empty/) }]);
  });

  it("stops on a header without the anchor column or with a repeated name", async () => {
    await writeFile(path, "key,name\n1,a\n");
    await expect(importItems(open())).rejects.toMatchObject({ code: "csv-bad-header", message: expect.stringMatching(/anchor column "id"/) });
    await writeFile(path, "id,name,name\n1,a,b\n");
    await expect(importItems(open())).rejects.toBeInstanceOf(ConnectivityError);
  });

  it("throws ConnectivityError file-not-found for a missing file or one that is not a file", async () => {
    await expect(importItems(open())).rejects.toMatchObject({ name: "ConnectivityError", code: "file-not-found", message: expect.stringContaining("does not exist") });
    await mkdir(path);
    await expect(importItems(open())).rejects.toMatchObject({ code: "file-not-found", message: expect.stringContaining("not a regular file") });
  });

  it("streams a 100k-row file in batches", async () => {
    const rows = ["id,name,mail"];
    for (let i = 1; i <= 100_000; i++) rows.push(`${i},Person ${i},p${i}@example.com|q${i}@example.com`);
    await writeFile(path, rows.join("\n") + "\n");
    const connector = open({ multiValued: ["mail"] });
    let batches = 0;
    let count = 0;
    let last: ImportedObject | undefined;
    for await (const batch of connector.fullImport()) {
      batches += 1;
      expect(batch.length).toBeLessThanOrEqual(1000);
      for (const item of batch) {
        if (item.kind !== "object") throw new Error(item.message);
        count += 1;
        last = item.object;
      }
    }
    expect(batches).toBe(100);
    expect(count).toBe(100_000);
    expect(last).toMatchObject({ anchor: "100000", source: { line: 100_001 }, attrs: { mail: ["p100000@example.com", "q100000@example.com"] } });
    // Leaving early closes the file instead of reading the rest.
    for await (const batch of connector.fullImport({ batchSize: 10 })) {
      expect(batch).toHaveLength(10);
      break;
    }
  });
});

describe("CSV schema and connection", () => {
  it("discovers columns, multi-valued and reference columns, and the anchor", async () => {
    await writeFile(path, "id,name,mail,manager\n1,a,x|y,\n");
    const schema = await open({ multiValued: ["mail"], referenceColumns: ["manager"] }).discoverSchema();
    expect(schema).toEqual({
      objectTypes: [
        {
          name: "person",
          anchor: ["id"],
          attributes: [
            { name: "id", type: "string", multiValued: false },
            { name: "name", type: "string", multiValued: false },
            { name: "mail", type: "string", multiValued: true },
            { name: "manager", type: "reference", multiValued: false },
          ],
        },
      ],
    });
  });

  it("lists the object types named by the object type column", async () => {
    await writeFile(path, "id,kind\n1,person\n2,group\n3,person\n");
    const schema = await open({ objectTypeColumn: "kind" }).discoverSchema();
    expect(schema.objectTypes.map((t) => t.name)).toEqual(["person", "group"]);
  });

  it("describes an export-only MA's file from its config before the file exists", async () => {
    const schema = await open({ dnTemplate: "uid={uid},ou=x", multiValued: ["mail"] }).discoverSchema();
    expect(schema.objectTypes[0]!.attributes.map((a) => a.name)).toEqual(["id", "uid", "mail"]);
  });

  it("testConnection: a missing file is fine, a missing folder is not", async () => {
    await expect(open().testConnection()).resolves.toBeUndefined();
    const missing = csvConnectorType.create(csvConnectorType.configSchema.parse({ path: join(dir, "nope", "x.csv"), anchor: "id" }));
    await expect(missing.testConnection()).rejects.toMatchObject({ code: "directory-not-found" });
    const folder = csvConnectorType.create(csvConnectorType.configSchema.parse({ path: dir, anchor: "id" }));
    await expect(folder.testConnection()).rejects.toMatchObject({ code: "file-not-found" });
  });
});

describe("CSV export", () => {
  it("rewrites atomically: new file in place, previous one kept as .bak, no temp file left", async () => {
    const before = "id,name,mail\n1,Ann,a@x\n2,Bob,\n";
    await writeFile(path, before);
    const connector = open({ multiValued: ["mail"] });
    const session = await connector.openExport!();
    const results = await session.write([
      add("3", { name: ["Cid, Jr"], mail: ["c@x", "c2@x"], title: ["Boss"] }),
      { id: "cs-1", op: "update", objectType: "person", anchor: "1", dn: "1", changes: { mail: { add: ["a2@x"] }, name: { replace: [] } } },
      { id: "cs-2", op: "delete", objectType: "person", anchor: "2", dn: "2", changes: {} },
    ]);
    expect(results).toEqual([
      { id: "cs-3", ok: true, anchor: "3" },
      { id: "cs-1", ok: true, anchor: "1" },
      { id: "cs-2", ok: true, anchor: "2" },
    ]);
    expect(await readFile(path, "utf8")).toBe(before); // nothing written before commit
    await session.commit();
    expect(await readFile(path, "utf8")).toBe('id,name,mail,title\n1,,a@x|a2@x,\n3,"Cid, Jr",c@x|c2@x,Boss\n');
    expect(await readFile(`${path}.bak`, "utf8")).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(["hr.csv", "hr.csv.bak"]);
  });

  it("applies later changes of the same session on top of a new row (adds wait on disk until commit)", async () => {
    await writeFile(path, "id,name\n1,a\n");
    const session = await open().openExport!();
    await session.write([add("2", { name: ["b"] }), add("3", { name: ["c"] }), add("4", { name: ["d"] })]);
    expect((await readdir(dir)).filter((n) => n.startsWith(".hr.csv.adds-")).length).toBe(1);
    const results = await session.write([
      { id: "cs-2", op: "update", objectType: "person", anchor: "2", dn: "2", changes: { name: { replace: ["B"] } } },
      { id: "cs-3", op: "delete", objectType: "person", anchor: "3", dn: "3", changes: {} },
      add("3", { name: ["C again"] }),
      add("2", { name: ["dup"] }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ code: "csv-export-duplicate-anchor" });
    await session.commit();
    expect(await readFile(path, "utf8")).toBe("id,name\n1,a\n2,B\n3,C again\n4,d\n");
    expect((await readdir(dir)).sort()).toEqual(["hr.csv", "hr.csv.bak"]);
  });

  it("drops the spooled adds on abort and leaves the file untouched", async () => {
    await writeFile(path, "id,name\n1,a\n");
    const session = await open().openExport!();
    await session.write([add("2", { name: ["b"] })]);
    await session.abort();
    expect(await readFile(path, "utf8")).toBe("id,name\n1,a\n");
    expect(await readdir(dir)).toEqual(["hr.csv"]);
  });

  it("keeps a BOM and CRLF line breaks, and copies rows it does not touch as they were", async () => {
    await writeFile(path, "\uFEFFid,name\r\n1,a\r\n2,b,extra\r\n");
    const session = await open().openExport!();
    await session.write([add("3", { name: ["c"] })]);
    await session.commit();
    expect(await readFile(path, "utf8")).toBe("\uFEFFid,name\r\n1,a\r\n2,b,extra\r\n3,c\r\n");
  });

  it("creates the file on the first export (no .bak then)", async () => {
    const session = await open({ dnTemplate: "uid={uid},ou=people", objectTypeColumn: "type" }).openExport!();
    const results = await session.write([add("1", { name: ["x"] }, { dn: "uid=jdoe,ou=people", objectType: "account" })]);
    expect(results[0]).toMatchObject({ ok: true, anchor: "1" });
    await session.commit();
    expect(await readFile(path, "utf8")).toBe("id,type,uid,name\n1,account,jdoe,x\n");
    expect(await readdir(dir)).toEqual(["hr.csv"]);
  });

  it("writes latin1 and refuses values latin1 cannot hold", async () => {
    await writeFile(path, Buffer.from("id;name\n1;Andr\xe9\n", "latin1"));
    const session = await open({ encoding: "latin1", delimiter: ";" }).openExport!();
    const results = await session.write([add("2", { name: ["Zoë"] }), add("3", { name: ["Łukasz"] })]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1]).toMatchObject({ code: "csv-export-bad-value" });
    await session.commit();
    expect((await readFile(path)).equals(Buffer.from("id;name\n1;Andr\xe9\n2;Zo\xeb\n", "latin1"))).toBe(true);
  });

  it("refuses per object: no anchor, duplicate anchor, unknown anchor, anchor change, bad values", async () => {
    await writeFile(path, "id,name,mail\n1,a,\n");
    const session = await open({ multiValued: ["mail"] }).openExport!();
    const results = await session.write([
      { id: "no-anchor", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: { name: ["x"] } },
      add("1", { name: ["dup"] }),
      { id: "unknown", op: "update", objectType: "person", anchor: "9", dn: "9", changes: { name: { replace: ["x"] } } },
      { id: "anchor", op: "update", objectType: "person", anchor: "1", dn: "1", changes: { id: { replace: ["2"] } } },
      add("4", { name: ["a", "b"] }),
      add("5", { mail: ["a|b"] }),
      { id: "rename", op: "rename", objectType: "person", anchor: "1", dn: "1", newDn: "2", changes: {} },
      add("6", { anchorFromChange: ["y"] }, { attrs: { name: ["six"] }, anchor: "6" }),
    ]);
    expect(results.map((r) => [r.id, r.ok ? "ok" : r.code])).toEqual([
      ["no-anchor", "csv-export-no-anchor"],
      ["cs-1", "csv-export-duplicate-anchor"],
      ["unknown", "csv-export-not-found"],
      ["anchor", "csv-export-anchor-immutable"],
      ["cs-4", "csv-export-bad-value"],
      ["cs-5", "csv-export-bad-value"],
      ["rename", "csv-export-rename-unsupported"],
      ["cs-6", "ok"],
    ]);
    await session.commit();
    expect(await readFile(path, "utf8")).toBe("id,name,mail\n1,a,\n6,six,\n");
  });

  it("renames through the DN template and finds the anchor from a DN", async () => {
    await writeFile(path, "id,uid,name\n1,jdoe,John\n");
    const session = await open({ dnTemplate: "uid={uid},ou=people" }).openExport!();
    const results = await session.write([
      { id: "r", op: "rename", objectType: "person", anchor: "1", dn: "uid=jdoe,ou=people", newDn: "uid=john\\, doe,OU=People", changes: {} },
      { id: "bad", op: "rename", objectType: "person", anchor: "1", dn: "", newDn: "cn=x,o=other", changes: {} },
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["ok", "csv-export-bad-dn"]);
    await session.commit();
    expect(await readFile(path, "utf8")).toBe('id,uid,name\n1,"john, doe",John\n');

    await writeFile(path, "id,name\n1,John\n");
    const byDn = await open({ dnTemplate: "id={id},ou=people" }).openExport!();
    expect(await byDn.write([{ id: "u", op: "update", objectType: "person", anchor: null, dn: "id=1,ou=people", changes: { name: { replace: ["Jon"] } } }])).toMatchObject([
      { ok: true, anchor: "1" },
    ]);
    await byDn.commit();
    expect(await readFile(path, "utf8")).toBe("id,name\n1,Jon\n");
  });

  it("applies several changes to one row in order: add then update, delete then add again", async () => {
    await writeFile(path, "id,name\n1,a\n");
    const session = await open().openExport!();
    await session.write([
      add("2", { name: ["b"] }),
      { id: "u2", op: "update", objectType: "person", anchor: "2", dn: "2", changes: { name: { replace: ["b2"] } } },
      { id: "d1", op: "delete", objectType: "person", anchor: "1", dn: "1", changes: {} },
    ]);
    expect(await session.write([add("1", { name: ["a again"] })])).toMatchObject([{ ok: true }]);
    await session.commit();
    expect(await readFile(path, "utf8")).toBe("id,name\n1,a again\n2,b2\n");
  });

  it("abort leaves the file alone; a finished session refuses more work", async () => {
    await writeFile(path, "id\n1\n");
    const session = await open().openExport!();
    await session.write([add("2", {})]);
    await session.abort();
    expect(await readFile(path, "utf8")).toBe("id\n1\n");
    await expect(session.write([add("3", {})])).rejects.toThrow(/already aborted/);
  });

  it("refuses to open an export on a file with an unreadable record (it would be lost)", async () => {
    await writeFile(path, 'id,name\n1,a\n2,"b\n3,c\n');
    await expect(open().openExport!()).rejects.toMatchObject({ code: "csv-unreadable", message: expect.stringContaining(`${path}:3:`) });
  });

  it("an import reading while an export commits sees the old file whole", async () => {
    const rows = ["id,name"];
    for (let i = 1; i <= 5000; i++) rows.push(`${i},old ${i}`);
    await writeFile(path, rows.join("\n") + "\n");
    const connector = open();
    const reader = connector.fullImport({ batchSize: 100 })[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(first.done).toBe(false);

    const session = await connector.openExport!();
    await session.write([{ id: "d", op: "delete", objectType: "person", anchor: "4000", dn: "4000", changes: {} }]);
    await session.commit();

    let count = (first.value as FullImportItem[]).length;
    for (let r = await reader.next(); !r.done; r = await reader.next()) count += r.value.length;
    expect(count).toBe(5000);
    expect(objectsOf(await importItems(connector))).toHaveLength(4999);
  });
});
