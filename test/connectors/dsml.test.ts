import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dsmlConnectorType } from "../../lib/connectors/dsml/dsml-connector.ts";
import { previewDsml } from "../../lib/connectors/dsml/dsml-import.ts";
import { readDsmlChunks, type DsmlItem } from "../../lib/connectors/dsml/dsml-reader.ts";
import { EntryMapping } from "../../lib/connectors/ldif/entry-mapping.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { ExportChange } from "../../lib/engine/types.ts";
import { errorsOf, importItems, objectsOf, useTempFile } from "./file-harness.ts";

let dir: string;
let path: string;
useTempFile("people.xml", (t) => ({ dir, path } = t), "idsync-dsml-");

function open(config: Record<string, unknown> = {}): Connector {
  return dsmlConnectorType.create(dsmlConnectorType.configSchema.parse({ path, anchor: "uid", ...config }));
}
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
const response = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<batchResponse xmlns="urn:oasis:names:tc:DSML:2:0:core" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<searchResponse>\n${body}\n<searchResultDone><resultCode code="0"/></searchResultDone>\n</searchResponse>\n</batchResponse>\n`;

describe("DSML import", () => {
  it("reads entries with multi-valued, base64, binary, CDATA and escaped values, options, at their lines", async () => {
    const photo = Buffer.from([0xff, 0xd8, 0x00, 0x80]);
    await writeFile(
      path,
      response(
        [
          `<searchResultEntry dn="uid=jdoe,ou=people,dc=example,dc=com" requestID="1">`,
          `  <attr name="objectClass"><value>top</value><value>inetOrgPerson</value></attr>`,
          `  <attr name="uid"><value>jdoe</value></attr>`,
          `  <attr name="cn"><value xsi:type="xsd:base64Binary">${b64("Zoë Doe")}</value></attr>`,
          `  <attr name="cn;lang-fr"><value>Zoé</value></attr>`,
          `  <attr name="jpegPhoto"><value xsi:type="xsd:base64Binary">\n${b64(photo)}\n</value></attr>`,
          `  <attr name="description"><value><![CDATA[a <b> & c]]></value><value>x &amp; y &lt;z&gt; &#233;</value><value>  padded  </value></attr>`,
          `</searchResultEntry>`,
          `<dsml:searchResultEntry xmlns:dsml="urn:oasis:names:tc:DSML:2:0:core" dn="uid=b,dc=x"><dsml:attr name="uid"><dsml:value>b</dsml:value></dsml:attr></dsml:searchResultEntry>`,
        ].join("\n"),
      ),
    );
    const items = await importItems(open());
    expect(errorsOf(items)).toEqual([]);
    const [jdoe, b] = objectsOf(items);
    expect(jdoe).toMatchObject({ anchor: "jdoe", dn: "uid=jdoe,ou=people,dc=example,dc=com", objectType: "inetOrgPerson", source: { file: path, line: 4 } });
    expect(jdoe!.attrs).toEqual({
      objectClass: ["top", "inetOrgPerson"],
      uid: ["jdoe"],
      cn: ["Zoë Doe"],
      "cn;lang-fr": ["Zoé"],
      jpegPhoto: [b64(photo)],
      description: ["a <b> & c", "x & y <z> é", "  padded  "],
    });
    expect(b).toMatchObject({ anchor: "b", dn: "uid=b,dc=x", source: { line: 14 } });
  });

  it("reads a bare searchResponse and one inside a SOAP envelope", async () => {
    await writeFile(path, `<searchResponse><searchResultEntry dn="uid=a,dc=x"><attr name="uid"><value>a</value></attr></searchResultEntry></searchResponse>`);
    expect(objectsOf(await importItems(open())).map((o) => o.anchor)).toEqual(["a"]);
    await writeFile(
      path,
      `<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><batchResponse xmlns="urn:oasis:names:tc:DSML:2:0:core"><searchResponse><searchResultEntry dn="uid=s,dc=x"><attr name="uid"><value>s</value></attr></searchResultEntry></searchResponse></batchResponse></soap-env:Body></soap-env:Envelope>`,
    );
    expect(objectsOf(await importItems(open())).map((o) => o.anchor)).toEqual(["s"]);
  });

  it("reports bad elements with file, line and element number and imports the rest", async () => {
    await writeFile(
      path,
      response(
        [
          `<searchResultEntry dn="uid=a,dc=x"><attr name="uid"><value>a</value></attr></searchResultEntry>`,
          `<searchResultEntry dn="uid=b,dc=x"><attr name="uid"><value>b</value></attr><attr name="jpegPhoto"><value xsi:type="xsd:base64Binary">no*base64</value></attr></searchResultEntry>`,
          `<searchResultEntry dn="uid=c,dc=x"><attr name="uid"><value>c</value></attr><attr name="cn"><value xsi:type="xsd:base64Binary">${b64(Buffer.from([0xc3, 0x28]))}</value></attr></searchResultEntry>`,
          `<searchResultEntry dn="uid=d,dc=x"><attr name="cn"><value>no anchor</value></attr></searchResultEntry>`,
          `<searchResultEntry dn="uid=a2,dc=x"><attr name="uid"><value>a</value></attr></searchResultEntry>`,
          `<searchResultEntry><attr name="uid"><value>e</value></attr></searchResultEntry>`,
          `<searchResultEntry dn="uid=f,dc=x"><attr name="uid"><value>f</attr></searchResultEntry>`,
          `<searchResultEntry dn="uid=g,dc=x"><attr name="uid"><value xsi:type="xsd:anyURI">file:///etc/passwd</value></attr></searchResultEntry>`,
          `<delRequest dn="uid=h,dc=x"/>`,
          `<searchResultEntry dn="uid=z,dc=x"><attr name="uid"><value>z</value></attr></searchResultEntry>`,
        ].join("\n"),
      ),
    );
    const items = await importItems(open());
    expect(objectsOf(items).map((o) => o.anchor)).toEqual(["a", "z"]);
    expect(errorsOf(items).map((e) => [e.code, e.source?.line])).toEqual([
      ["dsml-bad-element", 5],
      ["dsml-bad-element", 6],
      ["dsml-missing-anchor", 7],
      ["dsml-duplicate-anchor", 8],
      ["dsml-bad-element", 9],
      ["dsml-bad-element", 10],
      ["dsml-bad-element", 11],
      ["dsml-change-request", 12],
    ]);
    const messages = errorsOf(items).map((e) => e.message);
    expect(messages[0]).toBe(`${path}:5 (element 2): the base64 value of jpegPhoto on line 5 is not valid base64`);
    expect(messages[1]).toMatch(/\(element 3\): the value of cn on line 6 is not UTF-8 text/);
    expect(messages[3]).toBe(`${path}:8 (element 5): anchor "a" was already used at element 1`);
    expect(messages[4]).toMatch(/has no dn attribute/);
    expect(messages[5]).toMatch(/\(element 7\): invalid XML: unexpected close tag/);
    expect(messages[6]).toMatch(/xsi:type "xsd:anyURI"/);
  });

  it("stops with ConnectivityError on a file it cannot read to the end", async () => {
    await expect(importItems(open({ path: join(dir, "missing.xml") }))).rejects.toBeInstanceOf(ConnectivityError);
    const cases: [string, RegExp][] = [
      [response(`<searchResultEntry dn="uid=a,dc=x"><attr name="uid"><value>a</value></attr></searchResultEntry>\n<searchResultEntry dn="uid=b,dc=x"><attr name="uid"><val`).slice(0, -120), /still open: a truncated file/],
      [response(`<searchResultEntry dn="uid=a,dc=x"><attr name="uid"><value>a & b</value></attr></searchResultEntry>\n<searchResultEntry dn="uid=b,dc=x"><attr name="uid"><value>b</value></attr></searchResultEntry>`), /unescaped & or < after line 4/],
      [`<searchResponse><searchResultEntry dn="uid=a,dc=x"><attr name="uid"><value>a</value></attr></searchResultEntry><searchResultDone><resultCode code="4" descr="sizeLimitExceeded"/></searchResultDone></searchResponse>`, /result code 4 \(sizeLimitExceeded\): the result is incomplete/],
      [`<batchResponse><errorResponse type="authenticationFailed"/></batchResponse>`, /errorResponse \(authenticationFailed\)/],
      ["not xml at all", /holds no XML element/],
    ];
    for (const [text, message] of cases) {
      await writeFile(path, text);
      const error = await importItems(open()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(message)).toBeInstanceOf(ConnectivityError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("previews the first elements and discovers the schema", async () => {
    const entries = Array.from({ length: 5 }, (_, i) => `<searchResultEntry dn="uid=u${i},dc=x"><attr name="objectClass"><value>inetOrgPerson</value></attr><attr name="uid"><value>u${i}</value></attr><attr name="mail"><value>1</value><value>2</value></attr><attr name="jpegPhoto"><value xsi:type="xsd:base64Binary">AA==</value></attr></searchResultEntry>`);
    await writeFile(path, response(entries.join("\n")));
    const preview = await previewDsml({ path, anchor: "uid" }, 2);
    expect(preview.map((i) => (i.kind === "object" ? i.object.anchor : i.code))).toEqual(["u0", "u1"]);
    const [type] = (await open().discoverSchema()).objectTypes;
    expect(type).toMatchObject({ name: "inetOrgPerson", anchor: ["uid"] });
    expect(type!.attributes.find((a) => a.name === "mail")).toMatchObject({ multiValued: true });
    expect(type!.attributes.find((a) => a.name === "uid")).toMatchObject({ multiValued: false });
    expect(type!.attributes.find((a) => a.name === "jpegPhoto")).toMatchObject({ type: "binary" });
  });
});

describe("DSML export", () => {
  const photo = b64(Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x7f, 0x3c]));
  function add(uid: string, attrs: Record<string, string[]> = {}): ExportChange {
    return { id: `cs-${uid}`, op: "add", objectType: "person", anchor: null, dn: `uid=${uid},ou=people,dc=x`, changes: {}, attrs: { objectClass: ["top", "inetOrgPerson"], uid: [uid], cn: [uid.toUpperCase()], ...attrs } };
  }

  it("round-trips multi-valued, binary, non-ASCII, XML-special and control-character values; keeps .bak; writes a batchRequest", async () => {
    const changesPath = join(dir, "changes.xml");
    const connector = open({ changesPath });
    const special = {
      mail: ["a@x", "b@x"],
      jpegPhoto: [photo],
      displayName: ["Zoë <Ñúñez> & \"Co\""],
      description: ["  padded  ", "line\nbreak\r\nand\ttab", "bell\u0007char", "]]> and &amp;"],
    };
    let session = await connector.openExport!();
    await session.write([add("a", special), add("b"), add("c")]);
    await session.commit();
    const first = objectsOf(await importItems(connector));
    expect(first.map((o) => o.anchor)).toEqual(["a", "b", "c"]);
    expect(first[0]!.attrs).toEqual({ objectClass: ["top", "inetOrgPerson"], uid: ["a"], cn: ["A"], ...special });
    const written = await readFile(path, "utf8");

    session = await connector.openExport!();
    const results = await session.write([
      { id: "u", op: "update", objectType: "person", anchor: "a", dn: "uid=a,ou=people,dc=x", changes: { mail: { add: ["c@x"], remove: ["a@x"] }, jpegPhoto: { replace: [] }, cn: { replace: ["Anna"] } } },
      { id: "r", op: "rename", objectType: "person", anchor: "b", dn: "uid=b,ou=people,dc=x", newDn: "cn=Bee & Co,ou=staff,dc=x", changes: {} },
      { id: "d", op: "delete", objectType: "person", anchor: "c", dn: "uid=c,ou=people,dc=x", changes: {} },
      { ...add("a"), id: "dup" },
    ]);
    expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
      ["u", true, undefined],
      ["r", true, undefined],
      ["d", true, undefined],
      ["dup", false, "dsml-export-exists"],
    ]);
    await session.commit();
    expect(await readFile(`${path}.bak`, "utf8")).toBe(written);
    const after = objectsOf(await importItems(connector));
    expect(after.map((o) => [o.anchor, o.dn])).toEqual([
      ["a", "uid=a,ou=people,dc=x"],
      ["b", "cn=Bee & Co,ou=staff,dc=x"],
    ]);
    expect(after[0]!.attrs).toMatchObject({ mail: ["b@x", "c@x"], cn: ["Anna"] });
    expect(after[0]!.attrs.jpegPhoto).toBeUndefined();

    const requests = await readFile(changesPath, "utf8");
    expect(requests).toContain(`<batchRequest xmlns="urn:oasis:names:tc:DSML:2:0:core"`);
    expect(requests).toContain(`<modifyRequest dn="uid=a,ou=people,dc=x">\n  <modification name="mail" operation="delete"><value>a@x</value></modification>\n  <modification name="mail" operation="add"><value>c@x</value></modification>\n  <modification name="jpegPhoto" operation="replace"></modification>\n`);
    expect(requests).toContain(`<modDNRequest dn="uid=b,ou=people,dc=x" newrdn="cn=Bee &amp; Co" deleteoldrdn="false" newSuperior="ou=staff,dc=x"/>`);
    expect(requests).toContain(`<delRequest dn="uid=c,ou=people,dc=x"/>`);
    // The batchRequest reads back as the same change records.
    const read: DsmlItem[] = [];
    for await (const chunk of readDsmlChunks(changesPath, new EntryMapping(dsmlConnectorType.configSchema.parse({ path, anchor: "uid" })))) read.push(...chunk);
    expect(read.map((i) => (i.kind === "change" ? i.change : i))).toEqual([
      { kind: "modify", dn: "uid=a,ou=people,dc=x", mods: [ { op: "delete", attr: "mail", values: ["a@x"] }, { op: "add", attr: "mail", values: ["c@x"] }, { op: "replace", attr: "jpegPhoto", values: [] }, { op: "replace", attr: "cn", values: ["Anna"] } ] },
      { kind: "moddn", dn: "uid=b,ou=people,dc=x", newRdn: "cn=Bee & Co", deleteOldRdn: false, newSuperior: "ou=staff,dc=x" },
      { kind: "delete", dn: "uid=c,ou=people,dc=x" },
    ]);
    expect((await readdir(dir)).sort()).toEqual(["changes.xml", "changes.xml.bak", "people.xml", "people.xml.bak"]);
  });

  it("an aborted export leaves both files untouched", async () => {
    const connector = open({ changesPath: join(dir, "changes.xml") });
    const session = await connector.openExport!();
    await session.write([add("a")]);
    await session.abort();
    expect(await readdir(dir)).toEqual([]);
  });
});
