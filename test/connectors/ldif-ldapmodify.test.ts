// The change file an LDIF export writes is what ldapmodify accepts: applied to the test slapd, the
// directory ends up holding what the exported entries file holds (adds, modifies, a rename, a delete,
// multi-valued, binary and non-ASCII values included).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ldifConnectorType } from "../../lib/connectors/ldif/ldif-connector.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { AttrValues, ExportChange, ImportedObject } from "../../lib/engine/types.ts";
import { adminClient, freshLdapOu, testLdap } from "../support/test-ldap.ts";
import { tempDir } from "./csv-harness.ts";

const run = promisify(execFile);
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x80, 0x7f]).toString("base64");
const COMPARED = ["objectClass", "employeeNumber", "cn", "sn", "mail", "displayName", "description", "jpegPhoto"];

let ou: { dn: string; cleanup(): Promise<void> };
let temp: { dir: string; remove: () => Promise<void> };
let client: Client;

beforeAll(async () => {
  ou = await freshLdapOu();
  temp = await tempDir();
  client = await adminClient();
});
afterAll(async () => {
  await client?.unbind();
  await ou?.cleanup();
  await temp?.remove();
});

async function ldapmodify(file: string): Promise<void> {
  const l = testLdap();
  await run("ldapmodify", ["-x", "-H", l.url, "-D", l.adminDn, "-w", l.adminPassword, "-f", file]);
}

async function fullImport(connector: Connector): Promise<ImportedObject[]> {
  const out: ImportedObject[] = [];
  for await (const batch of connector.fullImport()) for (const item of batch) if (item.kind === "object") out.push(item.object);
  else throw new Error(item.message);
  return out;
}

/** The directory's entries under the test OU, by employeeNumber, values sorted. */
async function directory(): Promise<Map<string, { dn: string; attrs: AttrValues }>> {
  const { searchEntries } = await client.search(ou.dn, { scope: "one", filter: "(employeeNumber=*)", attributes: COMPARED, explicitBufferAttributes: ["jpegPhoto"] });
  const out = new Map<string, { dn: string; attrs: AttrValues }>();
  for (const e of searchEntries) {
    const attrs: AttrValues = {};
    for (const name of COMPARED) {
      const raw = e[name];
      if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) continue;
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (Buffer.isBuffer(v) ? v.toString("base64") : String(v)));
      attrs[name] = values.sort();
    }
    out.set(attrs.employeeNumber![0]!, { dn: e.dn, attrs });
  }
  return out;
}

function expectSame(dir: Map<string, { dn: string; attrs: AttrValues }>, objects: ImportedObject[]): void {
  expect([...dir.keys()].sort()).toEqual(objects.map((o) => o.anchor).sort());
  for (const o of objects) {
    const d = dir.get(o.anchor)!;
    expect(d.dn.toLowerCase(), o.anchor).toBe(o.dn.toLowerCase());
    const want: AttrValues = {};
    for (const name of COMPARED) if (o.attrs[name]?.length) want[name] = [...o.attrs[name]!].sort();
    expect(d.attrs, o.anchor).toEqual(want);
  }
}

describe("LDIF export accepted by ldapmodify", () => {
  it("applies adds, then modifies, a rename and a delete, to the same state as the entries file", async () => {
    const path = join(temp.dir, "directory.ldif");
    const changesPath = join(temp.dir, "changes.ldif");
    const connector = ldifConnectorType.create(ldifConnectorType.configSchema.parse({ path, changesPath, anchor: "employeeNumber", objectTypes: { inetOrgPerson: "person" } }));
    const person = (n: number, cn: string, extra: AttrValues = {}): ExportChange => ({
      id: `cs-${n}`,
      op: "add",
      objectType: "person",
      anchor: null,
      dn: `cn=${cn},${ou.dn}`,
      changes: {},
      attrs: { objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"], employeeNumber: [String(n)], sn: [cn.split(" ").at(-1)!], ...extra },
    });

    let session = await connector.openExport!();
    const added = await session.write([
      person(1, "Alice Doe", { mail: ["alice@example.com", "a.doe@example.com"], displayName: ["Alïce Dœ"], jpegPhoto: [photo], description: [" starts with a space", "x".repeat(120)] }),
      person(2, "Bob Roe", { mail: ["bob@example.com"] }),
      person(3, "Carol Poe"),
    ]);
    expect(added.every((r) => r.ok)).toBe(true);
    await session.commit();
    await ldapmodify(changesPath);
    expectSame(await directory(), await fullImport(connector));

    session = await connector.openExport!();
    const changed = await session.write([
      { id: "m", op: "update", objectType: "person", anchor: "1", dn: `cn=Alice Doe,${ou.dn}`, changes: { mail: { add: ["alice@new.example"], remove: ["a.doe@example.com"] }, displayName: { replace: ["Alice Ünïcode"] }, jpegPhoto: { replace: [] }, description: { remove: ["x".repeat(120)] } } },
      { id: "r", op: "rename", objectType: "person", anchor: "2", dn: `cn=Bob Roe,${ou.dn}`, newDn: `cn=Robert Roe,${ou.dn}`, changes: { mail: { replace: ["robert@example.com"] } } },
      { id: "d", op: "delete", objectType: "person", anchor: "3", dn: `cn=Carol Poe,${ou.dn}`, changes: {} },
      person(4, "Dan Moe", { jpegPhoto: [photo], mail: ["dan@example.com", "d@example.com"] }),
    ]);
    expect(changed.map((r) => [r.id, r.ok])).toEqual([
      ["m", true],
      ["r", true],
      ["d", true],
      ["cs-4", true],
    ]);
    await session.commit();
    await ldapmodify(changesPath);
    const objects = await fullImport(connector);
    expect(objects.map((o) => o.dn)).toEqual([`cn=Alice Doe,${ou.dn}`, `cn=Robert Roe,${ou.dn}`, `cn=Dan Moe,${ou.dn}`]);
    expectSame(await directory(), objects);
  });
});
