import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { delimitedConnectorType, previewDelimited } from "../../lib/connectors/delimited/delimited-connector.ts";
import { DelimitedParser, type DelimitedRow } from "../../lib/connectors/delimited/delimited-parser.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import { errorsOf, importItems, objectsOf, useTempFile } from "./file-harness.ts";

let dir: string;
let path: string;
useTempFile("hr.txt", (t) => ({ dir, path } = t), "idsync-delimited-");

function open(config: Record<string, unknown> = {}): Connector {
  return delimitedConnectorType.create(delimitedConnectorType.configSchema.parse({ path, anchor: "id", ...config }));
}

function parseAll(text: string, syntax: Partial<{ delimiter: string; qualifier: string; escape: "doubled" | "backslash" }> = {}, chunk = 3): DelimitedRow[] {
  const parser = new DelimitedParser({ delimiter: ",", qualifier: '"', escape: "doubled", ...syntax });
  const out: DelimitedRow[] = [];
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), out);
  parser.end(out);
  return out;
}

describe("delimited parser", () => {
  it("gives the same rows and lines whatever the chunk size (CRLF, quotes, embedded breaks)", () => {
    const text = 'a,"b,1","c""d"\r\n"x\r\ny",,\r\n\r\nlast,"",z';
    const expected = [
      { kind: "row", fields: ["a", "b,1", 'c"d'], line: 1 },
      { kind: "row", fields: ["x\r\ny", "", ""], line: 2 },
      { kind: "row", fields: [""], line: 4 },
      { kind: "row", fields: ["last", "", "z"], line: 5 },
    ];
    for (const chunk of [1, 2, 3, 7, 1000]) expect(parseAll(text, {}, chunk)).toEqual(expected);
  });

  it("reads backslash escapes inside and outside qualifiers", () => {
    const rows = parseAll('1,"say \\"hi\\"",a\\,b\n2,back\\\\slash,"x"\n', { escape: "backslash" });
    expect(rows.map((r) => (r.kind === "row" ? r.fields : r))).toEqual([
      ["1", 'say "hi"', "a,b"],
      ["2", "back\\slash", "x"],
    ]);
  });

  it("treats qualifiers as data when there is none, and inside unquoted fields", () => {
    expect(parseAll('5\'11",Dwayne "The Rock"\n', { qualifier: "" }).map((r) => r.kind === "row" && r.fields)).toEqual([['5\'11"', 'Dwayne "The Rock"']]);
    expect(parseAll('5\'11",Dwayne "The Rock"\n').map((r) => r.kind === "row" && r.fields)).toEqual([['5\'11"', 'Dwayne "The Rock"']]);
  });

  it("fails only the row of a qualifier that never closes and reads on from the next line", () => {
    const rows = parseAll('1,a\n2,"never closed\n3,c\n4,d\n');
    expect(rows.map((r) => [r.kind, r.line])).toEqual([
      ["row", 1],
      ["bad", 2],
      ["row", 3],
      ["row", 4],
    ]);
    expect(rows[1]).toMatchObject({ code: "unclosed-qualifier" });
  });

  it("fails a row with text after a closing qualifier", () => {
    const rows = parseAll('1,"b"x,y\n2,c,d\n');
    expect(rows.map((r) => [r.kind, r.line])).toEqual([
      ["bad", 1],
      ["row", 2],
    ]);
    expect(rows[0]).toMatchObject({ code: "bad-qualifier", reason: expect.stringMatching(/after the closing qualifier of field 2/) });
  });

  it("gives up on a runaway qualifier after the record size limit, without holding the file", () => {
    const parser = new DelimitedParser({ delimiter: ",", qualifier: '"', escape: "doubled" }, false, 100);
    const out: DelimitedRow[] = [];
    parser.push('1,"open\n', out);
    for (let i = 2; i < 40; i++) parser.push(`${i},x\n`, out);
    parser.end(out);
    expect(out[0]).toMatchObject({ kind: "bad", line: 1 });
    expect(out.filter((r) => r.kind === "row").length).toBeGreaterThan(20);
    expect(out.at(-1)).toMatchObject({ kind: "row", fields: ["39", "x"], line: 39 });
  });
});

describe("delimited import", () => {
  for (const [name, delimiter, ch] of [
    ["tab", "tab", "\t"],
    ["semicolon", "semicolon", ";"],
    ["pipe", "pipe", "|"],
    ["custom ~", "~", "~"],
  ] as const) {
    it(`reads ${name}-delimited files`, async () => {
      await writeFile(path, [`id${ch}name${ch}mail`, `1${ch}"Doe${ch} J"${ch}a@x,b@x`].join("\n") + "\n");
      const [o] = objectsOf(await importItems(open({ delimiter, multiValued: ["mail"], multiValueSeparator: "," })));
      expect(o!.attrs).toEqual({ id: ["1"], name: [`Doe${ch} J`], mail: ["a@x", "b@x"] });
    });
  }

  it("reads a custom qualifier and a file without header from declared columns", async () => {
    await writeFile(path, "1;'O''Brien; Pat';x\n2;'Smith';\n");
    const objects = objectsOf(await importItems(open({ delimiter: ";", qualifier: "'", header: false, columns: ["id", "name", "note"] })));
    expect(objects.map((o) => [o.anchor, o.attrs.name, o.source?.line])).toEqual([
      ["1", ["O'Brien; Pat"], 1],
      ["2", ["Smith"], 2],
    ]);
  });

  it("skips the header line when columns are declared and the file has a header", async () => {
    await writeFile(path, "EMP,NAME\n7,Ann\n");
    const [o] = objectsOf(await importItems(open({ columns: ["id", "name"] })));
    expect(o!.attrs).toEqual({ id: ["7"], name: ["Ann"] });
  });

  it("reads UTF-8 with and without BOM, UTF-16LE/BE with BOM, and latin1", async () => {
    const text = "id,name\n1,Zoë Ødegård 😀\n";
    const cases: [string, Buffer, string][] = [
      ["utf8", Buffer.from(text), "utf8"],
      ["utf8", Buffer.from("\uFEFF" + text), "utf8"],
      ["utf16le", Buffer.from("\uFEFF" + text, "utf16le"), "utf16le"],
      ["utf16be", Buffer.from("\uFEFF" + text, "utf16le").swap16(), "utf16be"],
    ];
    for (const [encoding, bytes] of cases) {
      await writeFile(path, bytes);
      const [o] = objectsOf(await importItems(open({ encoding })));
      expect(o!.attrs, encoding).toEqual({ id: ["1"], name: ["Zoë Ødegård 😀"] });
    }
    await writeFile(path, Buffer.from("id;name\n1;Fran\xe7ois\n", "latin1"));
    expect(objectsOf(await importItems(open({ encoding: "latin1", delimiter: ";" })))[0]!.attrs.name).toEqual(["François"]);
  });

  it("reports bytes that are not valid UTF-8 as a wrong encoding on that row", async () => {
    await writeFile(path, Buffer.concat([Buffer.from("id,name\n1,ok\n2,Fran"), Buffer.from([0xe7]), Buffer.from("ois\n3,fine\n")]));
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["1", "3"]);
    expect(errorsOf(items)).toMatchObject([{ code: "delimited-bad-encoding", source: { file: path, line: 3 }, message: expect.stringContaining(`${path}:3:`) }]);
  });

  it("reports malformed rows with file, line and reason and imports the rest", async () => {
    await writeFile(path, 'id,name\n1,a\n2,"open\n3,b,extra\n,nobody\n1,again\n\n4,"x"y\n5,e\n');
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["1", "5"]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line])).toEqual([
      ["delimited-unclosed-qualifier", 3],
      ["delimited-bad-row", 4],
      ["delimited-missing-anchor", 5],
      ["delimited-duplicate-anchor", 6],
      ["delimited-bad-qualifier", 8],
    ]);
    expect(errorsOf(items)[3]!.message).toBe(`${path}:6: anchor "1" was already used on line 2`);
  });

  it("merges consecutive rows with the same anchor (rows mode) and fails conflicting ones", async () => {
    await writeFile(path, "id,name,mail\n1,Ann,a1@x\n1,,a2@x\n1,Ann,a1@x\n2,Bob,b@x\n2,Robert,b2@x\n3,Cy,\n1,Ann,late@x\n");
    const items = await importItems(open({ multiValued: ["mail"], multiValueMode: "rows" }));
    expect(objectsOf(items).map((o) => [o.anchor, o.attrs, o.source?.line])).toEqual([
      ["1", { id: ["1"], name: ["Ann"], mail: ["a1@x", "a2@x"] }, 2],
      ["3", { id: ["3"], name: ["Cy"] }, 7],
    ]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line])).toEqual([
      ["delimited-conflicting-rows", 5],
      ["delimited-duplicate-anchor", 8],
    ]);
  });

  it("stops with ConnectivityError on a missing file or a header without the anchor", async () => {
    await expect(importItems(open())).rejects.toMatchObject({ name: "ConnectivityError", code: "file-not-found" });
    await mkdir(`${dir}/folder.txt`);
    await expect(importItems(open({ path: `${dir}/folder.txt` }))).rejects.toMatchObject({ code: "file-not-found" });
    await writeFile(path, "key,name\n1,a\n");
    await expect(importItems(open())).rejects.toMatchObject({ code: "delimited-bad-header", message: expect.stringMatching(/anchor column "id"/) });
  });

  it("validates the config: no header without columns, delimiter vs qualifier, declared columns", () => {
    const parse = (c: Record<string, unknown>) => delimitedConnectorType.configSchema.parse({ path, anchor: "id", ...c });
    expect(() => parse({ header: false })).toThrow(/declare the columns/);
    expect(() => parse({ delimiter: '"' })).toThrow(/qualifier must differ/);
    expect(() => parse({ delimiter: "ab" })).toThrow(/one character/);
    expect(() => parse({ columns: ["name"] })).toThrow(/is not a declared column/);
    expect(parse({ delimiter: "TAB" }).delimiter).toBe("\t");
  });

  it("discovers the schema and previews the first rows", async () => {
    await writeFile(path, "id,kind,mail,manager\n1,person,a|b,\n2,group,,\n3,person,,x\n");
    const config = delimitedConnectorType.configSchema.parse({ path, anchor: "id", objectTypeColumn: "kind", multiValued: ["mail"], referenceColumns: ["manager"] });
    const schema = await delimitedConnectorType.create(config).discoverSchema();
    expect(schema.objectTypes.map((t) => t.name)).toEqual(["person", "group"]);
    expect(schema.objectTypes[0]!.attributes).toEqual([
      { name: "id", type: "string", multiValued: false },
      { name: "kind", type: "string", multiValued: false },
      { name: "mail", type: "string", multiValued: true },
      { name: "manager", type: "reference", multiValued: false },
    ]);
    const preview = await previewDelimited(config, 2);
    expect(preview.columns).toEqual(["id", "kind", "mail", "manager"]);
    expect(preview.items.map((i) => i.kind === "object" && i.object.anchor)).toEqual(["1", "2"]);
    expect(delimitedConnectorType.preview).toBe(previewDelimited);
  });

  it("streams a 100k-row file in batches of the asked size", async () => {
    const rows = ["id,name,mail"];
    for (let i = 1; i <= 100_000; i++) rows.push(`${i},Person ${i},p${i}@x|q${i}@x`);
    await writeFile(path, rows.join("\n") + "\n");
    let count = 0;
    let batches = 0;
    let last;
    for await (const batch of open({ multiValued: ["mail"] }).fullImport({ batchSize: 1000 })) {
      batches += 1;
      for (const item of batch) {
        if (item.kind !== "object") throw new Error(item.message);
        count += 1;
        last = item.object;
      }
    }
    expect([count, batches]).toEqual([100_000, 100]);
    expect(last).toMatchObject({ anchor: "100000", source: { line: 100_001 }, attrs: { mail: ["p100000@x", "q100000@x"] } });
  });
});

describe("delimited delta import (change-type column)", () => {
  it("reads add, update and delete rows; full import leaves deletes out; the same file again gives nothing", async () => {
    await writeFile(path, "op,id,name\nadd,1,Ann\nUPDATE,2,Bob\ndelete,3,\nmodify,4,Dee\nrename,5,x\n");
    const c = open({ changeTypeColumn: "op" });
    expect(delimitedConnectorType.create(delimitedConnectorType.configSchema.parse({ path, anchor: "id" })).deltaImport).toBeUndefined();
    const { items, watermark } = await (async () => {
      const delta = await c.deltaImport!(null);
      const out = [];
      for await (const b of delta.changes) out.push(...b);
      return { items: out, watermark: delta.watermark() };
    })();
    expect(items.map((i) => (i.kind === "change" ? [i.op, i.anchor, i.attrs, i.complete] : [i.code, i.source?.line]))).toEqual([
      ["add", "1", { id: ["1"], name: ["Ann"] }, true],
      ["update", "2", { id: ["2"], name: ["Bob"] }, true],
      ["delete", "3", undefined, undefined],
      ["update", "4", { id: ["4"], name: ["Dee"] }, true],
      ["delimited-bad-change-type", 6],
    ]);
    expect(watermark).toMatch(/^\d+:\d+$/);
    expect(await c.currentWatermark!()).toBe(watermark);
    const again = await c.deltaImport!(watermark);
    const none = [];
    for await (const b of again.changes) none.push(...b);
    expect(none).toEqual([]);
    const full = await importItems(c);
    expect(objectsOf(full).map((o) => [o.anchor, o.attrs.op])).toEqual([
      ["1", undefined],
      ["2", undefined],
      ["4", undefined],
    ]);
  });

  it("throws ConnectivityError when the change file is missing", async () => {
    await expect(open({ changeTypeColumn: "op" }).deltaImport!(null)).rejects.toMatchObject({ code: "file-not-found" });
  });
});

describe("delimited export", () => {
  const add = (id: string, attrs: Record<string, string[]>) => ({ id: `cs-${id}`, op: "add" as const, objectType: "person", anchor: null, dn: id, changes: {}, attrs: { id: [id], ...attrs } });

  async function roundTrip(config: Record<string, unknown>, objects: Record<string, string[]>[]) {
    const c = open(config);
    const session = await c.openExport!();
    const results = await session.write(objects.map((o) => add(o.id![0]!, o)));
    expect(results.every((r) => r.ok), JSON.stringify(results)).toBe(true);
    await session.commit();
    const items = await importItems(c);
    expect(errorsOf(items)).toEqual([]);
    return objectsOf(items).map((o) => o.attrs);
  }

  const tricky: Record<string, string[]>[] = [
    { id: ["1"], name: ['Doe, "JD" Jr.'], note: ["line1\nline2"], mail: ["a@x", "b@x"] },
    { id: ["2"], name: ["back\\slash; semi\ttab|pipe"], mail: ["c@x"] },
    { id: ["3"], name: ["Zoë 😀"] },
  ];

  for (const [label, config] of [
    ["comma, doubled, separator", {}],
    ["semicolon, backslash, rows, utf16be", { delimiter: ";", escape: "backslash", multiValueMode: "rows", encoding: "utf16be" }],
    ["tab, no qualifier, backslash, declared columns, no header", { delimiter: "tab", qualifier: "", escape: "backslash", header: false, columns: ["id", "name", "note", "mail"], multiValueSeparator: "," }],
    ["custom ~, ' qualifier, utf8 BOM", { delimiter: "~", qualifier: "'", bom: true }],
  ] as const) {
    it(`round-trips tricky values and multi-values (${label})`, async () => {
      const objects = await roundTrip({ multiValued: ["mail"], ...config }, tricky);
      expect(objects).toEqual(tricky);
    });
  }

  it("writes a BOM when asked, keeps the file's line breaks, keeps .bak and leaves no temp file", async () => {
    await writeFile(path, "id,name\r\n1,Ann\r\n");
    const c = open();
    const s = await c.openExport!();
    await s.write([add("2", { name: ["Bob"] })]);
    await s.commit();
    expect(await readFile(path, "utf8")).toBe("id,name\r\n1,Ann\r\n2,Bob\r\n");
    expect(await readFile(`${path}.bak`, "utf8")).toBe("id,name\r\n1,Ann\r\n");
    expect((await readdir(dir)).sort()).toEqual(["hr.txt", "hr.txt.bak"]);
    await roundTrip({ bom: true, path: `${dir}/new.txt` }, [{ id: ["9"] }]);
    expect([...(await readFile(`${dir}/new.txt`)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("copies bad rows as they were and refuses values the format cannot hold", async () => {
    await writeFile(path, 'id,name\n1,Ann\n2,"open\n3,Cy\n');
    const c = open({ encoding: "latin1", header: true });
    const s = await c.openExport!();
    const results = await s.write([
      { id: "cs-1", op: "update", objectType: "person", anchor: "1", dn: "1", changes: { name: { replace: ["Anne"] } } },
      { id: "cs-x", op: "update", objectType: "person", anchor: "3", dn: "3", changes: { name: { replace: ["a", "b"] } } },
      { id: "cs-y", op: "update", objectType: "person", anchor: "3", dn: "3", changes: { name: { replace: ["Ω"] } } },
      { id: "cs-z", op: "update", objectType: "person", anchor: "404", dn: "404", changes: { name: { replace: ["x"] } } },
    ]);
    expect(results.map((r) => [r.ok, r.code])).toEqual([
      [true, undefined],
      [false, "delimited-export-bad-value"],
      [false, "delimited-export-bad-value"],
      [false, "delimited-export-not-found"],
    ]);
    await s.commit();
    expect(await readFile(path, "latin1")).toBe('id,name\n1,Anne\n2,"open\n3,Cy\n');
  });

  it("writes add/update/delete rows into a change file", async () => {
    await writeFile(path, "op,id,name\nadd,1,Ann\nadd,2,Bob\n");
    const c = open({ changeTypeColumn: "op" });
    const s = await c.openExport!();
    await s.write([
      { id: "cs-1", op: "update", objectType: "person", anchor: "1", dn: "1", changes: { name: { replace: ["Anne"] } } },
      { id: "cs-2", op: "delete", objectType: "person", anchor: "2", dn: "2", changes: {} },
      add("3", { name: ["Cy"] }),
    ]);
    await s.commit();
    expect(await readFile(path, "utf8")).toBe("op,id,name\nupdate,1,Anne\ndelete,2,\nadd,3,Cy\n");
    expect(objectsOf(await importItems(c)).map((o) => o.anchor)).toEqual(["1", "3"]);
  });
});
