import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ldifConnectorType } from "../../lib/connectors/ldif/ldif-connector.ts";
import { previewLdif } from "../../lib/connectors/ldif/ldif-import.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { ExportChange, FullImportItem } from "../../lib/engine/types.ts";
import { deltaItems, errorsOf, importItems, objectsOf, useTempFile } from "./file-harness.ts";

let dir: string;
let path: string;
useTempFile("people.ldif", (t) => ({ dir, path } = t), "idsync-ldif-");

function open(config: Record<string, unknown> = {}): Connector {
  return ldifConnectorType.create(ldifConnectorType.configSchema.parse({ path, ...config }));
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

describe("LDIF import", () => {
  it("reads folding, comments, version, CRLF, base64 DNs and values, options and file URLs, with record lines", async () => {
    const photo = join(dir, "photo.bin");
    await writeFile(photo, Buffer.from([0xff, 0xd8, 0x00, 0x01]));
    const text = [
      "# a comment that is",
      "  folded over two lines",
      "version: 1",
      "",
      "dn: uid=jdoe,ou=people,",
      " dc=example,dc=com",
      "objectClass: top",
      "objectClass: inetOrgPerson",
      "uid: jdoe",
      "description: a long value folded",
      "  over a line break",
      `cn:: ${b64("Zoë Doe")}`,
      "cn;lang-fr: Zoé",
      `jpegPhoto:< ${pathToFileURL(photo).href}`,
      `userCertificate;binary:: ${b64(Buffer.from([1, 2, 3]))}`,
      "mail: a@example.com",
      "# a comment inside a record",
      "mail: b@example.com",
      "",
      "",
      `dn:: ${b64("uid=émile,ou=people,dc=example,dc=com")}`,
      "objectClass: person",
      "uid: émile",
      "",
    ].join("\r\n");
    await writeFile(path, text);
    const items = await importItems(open({ anchor: "uid" }));
    expect(errorsOf(items)).toEqual([]);
    const [jdoe, emile] = objectsOf(items);
    expect(jdoe).toMatchObject({ anchor: "jdoe", dn: "uid=jdoe,ou=people,dc=example,dc=com", objectType: "inetOrgPerson", source: { file: path, line: 5 } });
    expect(jdoe!.attrs).toEqual({
      objectClass: ["top", "inetOrgPerson"],
      uid: ["jdoe"],
      description: ["a long value folded over a line break"],
      cn: ["Zoë Doe"],
      "cn;lang-fr": ["Zoé"],
      jpegPhoto: [b64(Buffer.from([0xff, 0xd8, 0x00, 0x01]))],
      userCertificate: ["AQID"],
      mail: ["a@example.com", "b@example.com"],
    });
    expect(emile).toMatchObject({ anchor: "émile", dn: "uid=émile,ou=people,dc=example,dc=com", objectType: "person", source: { line: 21 } });
  });

  it("takes the object type from the objectClass map, else the last objectClass, else the default", async () => {
    await writeFile(path, "dn: cn=a,dc=x\nobjectClass: top\nobjectClass: groupOfNames\ncn: a\n\ndn: cn=b,dc=x\nobjectClass: inetOrgPerson\nobjectClass: top\ncn: b\n\ndn: cn=c,dc=x\ncn: c\n");
    const objects = objectsOf(await importItems(open({ objectTypes: { groupOfNames: "group" }, defaultObjectType: "thing" })));
    expect(objects.map((o) => [o.anchor, o.objectType])).toEqual([
      ["cn=a,dc=x", "group"],
      ["cn=b,dc=x", "top"],
      ["cn=c,dc=x", "thing"],
    ]);
  });

  it("anchors on the DN in a normalized form and reads changetype: add records as entries", async () => {
    await writeFile(path, "dn: UID=JDoe, OU=People,dc=Example\nchangetype: add\nuid: jdoe\n");
    const [o] = objectsOf(await importItems(open()));
    expect(o).toMatchObject({ anchor: "uid=jdoe,ou=people,dc=example", dn: "UID=JDoe, OU=People,dc=Example", attrs: { uid: ["jdoe"] } });
  });

  it("reports bad records with file and line and imports the rest", async () => {
    const text = [
      "dn: uid=a,dc=x", "uid: a", "",
      "dn: uid=b,dc=x", "uid: b", "jpegPhoto:: not*base64", "",
      "dn: uid=c,dc=x", "uid: c", `cn:: ${b64(Buffer.from([0xc3, 0x28]))}`, "",
      "dn: uid=d,dc=x", "cn: no anchor", "",
      "dn: uid=a2,dc=x", "uid: a", "",
      "dn: uid=e,dc=x", "uid: e", "seeAlso:< http://example.com/x", "",
      "dn: uid=f,dc=x", "changetype: modify", "replace: cn", "cn: F", "-", "",
      "uid: g", "cn: no dn", "",
      "dn: uid=h,dc=x", "changetype: rename", "",
      "dn: uid=i,dc=x", "uid: i", "this is not an attribute line", "",
      "dn: uid=z,dc=x", "uid: z", "",
    ].join("\n");
    await writeFile(path, text);
    const items = await importItems(open({ anchor: "uid" }));
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["a", "z"]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line])).toEqual([
      ["ldif-bad-record", 6],
      ["ldif-bad-record", 10],
      ["ldif-missing-anchor", 12],
      ["ldif-duplicate-anchor", 15],
      ["ldif-bad-record", 20],
      ["ldif-change-record", 22],
      ["ldif-bad-record", 28],
      ["ldif-bad-record", 32],
      ["ldif-bad-record", 36],
    ]);
    const messages = errorsOf(items).map((e) => e.message);
    expect(messages[0]).toBe(`${path}:6: the base64 value of jpegPhoto is not valid base64`);
    expect(messages[1]).toMatch(/:10: the value of cn is not UTF-8 text/);
    expect(messages[2]).toMatch(/:12: the entry has no anchor attribute "uid"/);
    expect(messages[3]).toBe(`${path}:15: anchor "a" was already used at ${path}:1`);
    expect(messages[4]).toMatch(/must be a file:\/\/ URL/);
    expect(messages[6]).toMatch(/must start with dn:/);
    expect(messages[7]).toMatch(/unknown changetype "rename"/);
  });

  it("stops with ConnectivityError when the file cannot be read", async () => {
    await expect(importItems(open({ path: join(dir, "missing.ldif") }))).rejects.toBeInstanceOf(ConnectivityError);
    await expect(importItems(open({ path: dir }))).rejects.toThrow(/is not a regular file/);
  });

  it("streams in batches and previews the first records", async () => {
    const records = Array.from({ length: 25 }, (_, i) => `dn: uid=u${i},dc=x\nuid: u${i}\n`);
    await writeFile(path, records.join("\n"));
    const batches: FullImportItem[][] = [];
    for await (const b of open({ anchor: "uid" }).fullImport({ batchSize: 10 })) batches.push(b);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    const preview = await previewLdif({ path, anchor: "uid" }, 3);
    expect(preview.map((i) => (i.kind === "object" ? i.object.anchor : i.code))).toEqual(["u0", "u1", "u2"]);
    await expect(previewLdif({ anchor: "uid" }, 3)).rejects.toThrow();
  });

  it("discovers object types and attributes: multi-valued, binary, reference", async () => {
    await writeFile(path, `dn: uid=a,dc=x\nobjectClass: inetOrgPerson\nuid: a\nmail: 1\nmail: 2\njpegPhoto:: ${b64("x")}\nmanager: uid=b,dc=x\n\ndn: cn=g,dc=x\nobjectClass: groupOfNames\nuid: g\ncn: g\nmember: uid=a,dc=x\n`);
    const schema = await open({ anchor: "uid" }).discoverSchema();
    const person = schema.objectTypes.find((t) => t.name === "inetOrgPerson")!;
    expect(person.anchor).toEqual(["uid"]);
    const attr = (n: string) => person.attributes.find((a) => a.name === n);
    expect(attr("mail")).toMatchObject({ multiValued: true, type: "string" });
    expect(attr("uid")).toMatchObject({ multiValued: false });
    expect(attr("jpegPhoto")).toMatchObject({ type: "binary" });
    expect(attr("manager")).toMatchObject({ type: "reference" });
    expect(schema.objectTypes.map((t) => t.name)).toEqual(["inetOrgPerson", "groupOfNames"]);
  });
});

describe("LDIF delta import", () => {
  const entries = [
    "version: 1", "",
    "dn: uid=a,ou=people,dc=x", "objectClass: inetOrgPerson", "uid: a", "employeeNumber: 1", "mail: a1@x", "mail: a2@x", "cn: A", "",
    "dn: uid=b,ou=people,dc=x", "objectClass: inetOrgPerson", "uid: b", "employeeNumber: 2", "cn: B", "",
    "dn: uid=c,ou=people,dc=x", "objectClass: inetOrgPerson", "uid: c", "employeeNumber: 3", "cn: C", "",
  ].join("\n");

  it("turns each kind of change record into a change, and never applies the same file twice", async () => {
    await writeFile(path, entries);
    const deltaPath = join(dir, "changes.ldif");
    await writeFile(deltaPath, [
      "version: 1", "",
      "dn: uid=d,ou=people,dc=x", "changetype: add", "objectClass: inetOrgPerson", "uid: d", "employeeNumber: 4", "",
      "dn: uid=a,ou=people,dc=x", "changetype: modify", "add: mail", "mail: a3@x", "-", "delete: mail", "mail: a1@x", "-", "replace: cn", "cn: Anna", "-", "delete: description", "-", "",
      "dn: uid=b,ou=people,dc=x", "changetype: delete", "",
      "dn: uid=c,ou=people,dc=x", "changetype: modrdn", "newrdn: cn=C", "deleteoldrdn: 0", "newsuperior: ou=staff,dc=x", "",
      "dn: uid=d,ou=people,dc=x", "changetype: modify", "add: mail", "mail: d@x", "-", "",
    ].join("\n"));
    const connector = open({ deltaPath, anchor: "employeeNumber" });
    const first = await deltaItems(connector, null);
    expect(errorsOf(first.items)).toEqual([]);
    expect(first.items).toEqual([
      expect.objectContaining({ op: "add", anchor: "4", dn: "uid=d,ou=people,dc=x", objectType: "inetOrgPerson", complete: true, source: { file: deltaPath, line: 3 } }),
      expect.objectContaining({ op: "update", anchor: "1", attrs: { mail: ["a2@x", "a3@x"], cn: ["Anna"], description: [] }, objectType: "inetOrgPerson" }),
      expect.objectContaining({ op: "delete", anchor: "2", dn: "uid=b,ou=people,dc=x" }),
      expect.objectContaining({ op: "rename", anchor: "3", dn: "cn=C,ou=staff,dc=x", attrs: { cn: ["C"] } }),
      expect.objectContaining({ op: "update", anchor: "4", attrs: { mail: ["d@x"] } }),
    ]);
    expect(first.watermark).toMatch(/^sha256:[0-9a-f]{64}:\d+$/);
    const again = await deltaItems(connector, first.watermark);
    expect(again.items).toEqual([]);
    expect(again.watermark).toBe(first.watermark);
    await writeFile(deltaPath, "dn: uid=a,ou=people,dc=x\nchangetype: delete\n");
    const next = await deltaItems(connector, first.watermark);
    expect(next.items).toEqual([expect.objectContaining({ op: "delete", anchor: "1" })]);
    expect(next.watermark).not.toBe(first.watermark);
  });

  it("reports value changes of entries it cannot see, and bad records, by line", async () => {
    const deltaPath = join(dir, "changes.ldif");
    await writeFile(deltaPath, [
      "dn: uid=x,dc=x", "changetype: modify", "add: mail", "mail: x@x", "-", "",
      "dn: uid=y,dc=x", "changetype: modify", "replace: cn", "cn: Y", "-", "",
      "dn: uid=z,dc=x", "changetype: modify", "bogus: cn", "-", "",
    ].join("\n"));
    const { items } = await deltaItems(open({ deltaPath, anchor: "uid" }), null);
    expect(items.map((i) => (i.kind === "error" ? [i.code, i.source?.line] : [i.op, i.anchor]))).toEqual([
      ["ldif-delta-unknown-entry", 1],
      ["update", "y"],
      ["ldif-bad-record", 15],
    ]);
  });

  it("anchored on the DN, a modrdn is a delete and an add of the whole entry", async () => {
    await writeFile(path, entries + "\ndn: uid=a,ou=people,dc=x\nchangetype: modrdn\nnewrdn: uid=aa\ndeleteoldrdn: 1\n");
    const { items } = await deltaItems(open(), null);
    expect(items.slice(3)).toEqual([
      expect.objectContaining({ op: "delete", anchor: "uid=a,ou=people,dc=x" }),
      expect.objectContaining({ op: "add", anchor: "uid=aa,ou=people,dc=x", complete: true, attrs: expect.objectContaining({ uid: ["aa"], cn: ["A"] }) }),
    ]);
  });

  it("a full import of the delta file sets the watermark the next delta import starts from", async () => {
    await writeFile(path, entries);
    const connector = open();
    const mark = await connector.currentWatermark!();
    expect((await deltaItems(connector, mark)).items).toEqual([]);
    expect(await open({ deltaPath: join(dir, "other.ldif") }).currentWatermark!()).toBeNull();
  });
});

describe("LDIF export", () => {
  const photo = b64(Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x7f]));
  const long = "x".repeat(200);
  function add(uid: string, attrs: Record<string, string[]> = {}): ExportChange {
    return { id: `cs-${uid}`, op: "add", objectType: "person", anchor: null, dn: `uid=${uid},ou=people,dc=x`, changes: {}, attrs: { objectClass: ["top", "inetOrgPerson"], uid: [uid], cn: [uid.toUpperCase()], ...attrs } };
  }

  it("round-trips multi-valued, binary, non-ASCII, padded and long values; keeps the old file as .bak; writes change records", async () => {
    const changesPath = join(dir, "changes.ldif");
    const connector = open({ anchor: "uid", changesPath });
    const special = { mail: ["a@x", "b@x", "c@x"], jpegPhoto: [photo], displayName: ["Zoë Ñúñez"], description: [" leading space", "trailing space ", ":colon", "<angle", long, "two\nlines"] };
    let session = await connector.openExport!();
    expect(await session.write([add("a", special), add("b"), add("c")])).toEqual([
      { id: "cs-a", ok: true, anchor: "a" },
      { id: "cs-b", ok: true, anchor: "b" },
      { id: "cs-c", ok: true, anchor: "c" },
    ]);
    await session.commit();
    const first = objectsOf(await importItems(connector));
    expect(first.map((o) => o.anchor)).toEqual(["a", "b", "c"]);
    expect(first[0]!.attrs).toEqual({ objectClass: ["top", "inetOrgPerson"], uid: ["a"], cn: ["A"], ...special });
    const written = await readFile(path, "utf8");
    expect(written.split("\n").every((l) => l.length <= 76)).toBe(true);
    expect(written).toMatch(/^version: 1\n/);

    session = await connector.openExport!();
    const results = await session.write([
      { id: "u", op: "update", objectType: "person", anchor: "a", dn: "uid=a,ou=people,dc=x", changes: { mail: { add: ["d@x"], remove: ["a@x"] }, jpegPhoto: { replace: [] }, cn: { replace: ["Anna"] } } },
      { id: "r", op: "rename", objectType: "person", anchor: "b", dn: "uid=b,ou=people,dc=x", newDn: "cn=Bee,ou=staff,dc=x", changes: {} },
      { id: "d", op: "delete", objectType: "person", anchor: "c", dn: "uid=c,ou=people,dc=x", changes: {} },
      { id: "gone", op: "update", objectType: "person", anchor: "nobody", dn: "uid=nobody,dc=x", changes: { cn: { replace: ["x"] } } },
      { id: "anchor", op: "update", objectType: "person", anchor: "a", dn: "uid=a,ou=people,dc=x", changes: { uid: { replace: ["zz"] } } },
      { ...add("a"), id: "dup" },
      { ...add("e", { jpegPhoto: ["not base64!"] }), id: "bad64" },
    ]);
    expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
      ["u", true, undefined],
      ["r", true, undefined],
      ["d", true, undefined],
      ["gone", false, "ldif-export-not-found"],
      ["anchor", false, "ldif-export-anchor-immutable"],
      ["dup", false, "ldif-export-exists"],
      ["bad64", false, "ldif-export-bad-value"],
    ]);
    await session.commit();
    expect(await readFile(`${path}.bak`, "utf8")).toBe(written);
    const after = objectsOf(await importItems(connector));
    expect(after.map((o) => [o.anchor, o.dn])).toEqual([
      ["a", "uid=a,ou=people,dc=x"],
      ["b", "cn=Bee,ou=staff,dc=x"],
    ]);
    expect(after[0]!.attrs).toMatchObject({ mail: ["b@x", "c@x", "d@x"], cn: ["Anna"] });
    expect(after[0]!.attrs.jpegPhoto).toBeUndefined();
    expect(after[1]!.attrs.cn).toEqual(["B", "Bee"]);

    const changes = await readFile(changesPath, "utf8");
    expect(changes).toBe(
      [
        "version: 1", "",
        "dn: uid=a,ou=people,dc=x", "changetype: modify", "delete: mail", "mail: a@x", "-", "add: mail", "mail: d@x", "-", "replace: jpegPhoto", "-", "replace: cn", "cn: Anna", "-", "",
        "dn: uid=b,ou=people,dc=x", "changetype: modrdn", "newrdn: cn=Bee", "deleteoldrdn: 0", "newsuperior: ou=staff,dc=x", "",
        "dn: uid=c,ou=people,dc=x", "changetype: delete", "", "",
      ].join("\n"),
    );
    expect((await readdir(dir)).sort()).toEqual(["changes.ldif", "changes.ldif.bak", "people.ldif", "people.ldif.bak"]);
  });

  it("refuses to rename when anchored on the DN, and an aborted export leaves nothing behind", async () => {
    const connector = open({ changesPath: join(dir, "changes.ldif") });
    let session = await connector.openExport!();
    await session.write([add("a")]);
    await session.commit();
    session = await connector.openExport!();
    const [r] = await session.write([{ id: "r", op: "rename", objectType: "person", anchor: "uid=a,ou=people,dc=x", dn: "uid=a,ou=people,dc=x", newDn: "uid=b,ou=people,dc=x", changes: {} }]);
    expect(r).toMatchObject({ ok: false, code: "ldif-export-rename-unsupported" });
    await session.write([add("z")]);
    await session.abort();
    expect((await readdir(dir)).sort()).toEqual(["changes.ldif", "people.ldif"]);
    expect(objectsOf(await importItems(connector)).map((o) => o.anchor)).toEqual(["uid=a,ou=people,dc=x"]);
  });

  it("refuses to open an export over a file with unreadable records", async () => {
    await writeFile(path, "dn: uid=a,dc=x\nuid: a\njpegPhoto:: ***\n");
    await expect(open({ anchor: "uid" }).openExport!()).rejects.toThrow(/1 record\(s\) that cannot be read.*:3: the base64 value/);
  });
});
