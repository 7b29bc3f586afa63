// LDAP full import and schema discovery against slapd (a private one for the few thousand entries
// of the paging test, the run's shared one for the failure cases): paging, binary
// values as base64, DN-syntax attributes as references, and the failures that stop an import
// (bad credentials, nothing listening, the server going away in the middle of a paged search).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import { Client } from "ldapts";
import { freePort, startSlapd, type Slapd } from "../support/slapd.ts";
import { addEntries, importObjects, ldapConfig, ldapSandbox, personAttrs } from "./ldap-harness.ts";

const open = (config: Record<string, unknown>): Connector => ldapConnectorType.create(ldapConnectorType.configSchema.parse(config));
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x80, 0xfe]);

describe("LDAP full import", () => {
  // A private slapd with dbnosync: seeding a few thousand entries into the shared, fsync'ing one
  // would take a minute on a busy machine; the paging is the same.
  let slapd: Slapd;
  let client: Client;
  let box: { dn: string };
  const COUNT = 3000;

  beforeAll(async () => {
    process.env.NOSYNC = "1";
    try {
      slapd = await startSlapd();
    } finally {
      delete process.env.NOSYNC;
    }
    client = new Client({ url: slapd.url });
    await client.bind(slapd.adminDn, slapd.adminPassword);
    box = { dn: `ou=t,${slapd.baseDn}` };
    await addEntries(client, [{ dn: box.dn, attrs: { objectClass: ["organizationalUnit"], ou: ["t"] } }]);
    await addEntries(client, [{ dn: `ou=people,${box.dn}`, attrs: { objectClass: ["organizationalUnit"], ou: ["people"] } }, { dn: `ou=groups,${box.dn}`, attrs: { objectClass: ["organizationalUnit"], ou: ["groups"] } }]);
    const people = Array.from({ length: COUNT }, (_, i) => ({ dn: `uid=u${i},ou=people,${box.dn}`, attrs: personAttrs(`u${i}`, { mail: [`u${i}@example.com`] }) }));
    await addEntries(client, people, 8);
    await client.add(`uid=photo,ou=people,${box.dn}`, { ...personAttrs("photo"), jpegPhoto: PHOTO } as never);
    await addEntries(client, [{ dn: `cn=staff,ou=groups,${box.dn}`, attrs: { objectClass: ["groupOfNames"], cn: ["staff"], member: [`uid=u1,ou=people,${box.dn}`, `uid=u2,ou=people,${box.dn}`] } }]);
  }, 240_000);

  afterAll(async () => {
    await client?.unbind().catch(() => undefined);
    await slapd?.stop();
  });

  /** A config for the private slapd. */
  const privateConfig = (baseDn: string, extra: Record<string, unknown> = {}) => ({
    url: slapd.url,
    bindDn: slapd.adminDn,
    bindPassword: slapd.adminPassword,
    baseDn,
    objectTypes: { inetOrgPerson: "person", groupOfNames: "group" },
    ...extra,
  });

  it("pages through every entry in scope, in batches, anchored on entryUUID", async () => {
    const connector = open(privateConfig(box.dn, { pageSize: 250 }));
    try {
      const { objects, errors, batches } = await importObjects(connector, 400);
      expect(errors).toEqual([]);
      expect(objects).toHaveLength(COUNT + 2);
      expect(batches).toBeGreaterThanOrEqual(Math.ceil((COUNT + 2) / 400));
      expect(new Set(objects.map((o) => o.anchor)).size).toBe(COUNT + 2);
      for (const o of objects) expect(o.anchor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const u7 = objects.find((o) => o.attrs.uid?.[0] === "u7")!;
      expect(u7).toMatchObject({ objectType: "person", dn: `uid=u7,ou=people,${box.dn}` });
      expect(u7.attrs.mail).toEqual(["u7@example.com"]);
      expect(u7.attrs.entryUUID).toEqual([u7.anchor]);
      const group = objects.find((o) => o.objectType === "group")!;
      expect(group.attrs.member?.sort()).toEqual([`uid=u1,ou=people,${box.dn}`, `uid=u2,ou=people,${box.dn}`]);
      // organizationalUnits are not a mapped class: out of scope.
      expect(objects.some((o) => o.attrs.ou)).toBe(false);
    } finally {
      await connector.close();
    }
  });

  it("reads binary attributes as base64 and honours the filter, scope and attribute list", async () => {
    const connector = open(privateConfig(`ou=people,${box.dn}`, { filter: "(uid=photo)", scope: "one", attributes: ["uid", "jpegPhoto"] }));
    try {
      const { objects } = await importObjects(connector);
      expect(objects).toHaveLength(1);
      expect(objects[0]!.attrs.jpegPhoto).toEqual([PHOTO.toString("base64")]);
      expect(Object.keys(objects[0]!.attrs).sort()).toEqual(["entryUUID", "jpegPhoto", "objectClass", "uid"]);
    } finally {
      await connector.close();
    }
  });

  it("discovers the mapped object types from the subschema: single/multi-valued, references, binary", async () => {
    const connector = open(privateConfig(box.dn));
    try {
      const schema = await connector.discoverSchema();
      expect(schema.objectTypes.map((t) => t.name).sort()).toEqual(["group", "person"]);
      const person = schema.objectTypes.find((t) => t.name === "person")!;
      const attr = (t: typeof person, n: string) => t.attributes.find((a) => a.name.toLowerCase() === n.toLowerCase());
      expect(person.anchor).toEqual(["entryUUID"]);
      expect(attr(person, "entryUUID")).toMatchObject({ type: "string", multiValued: false });
      expect(attr(person, "displayName")).toMatchObject({ type: "string", multiValued: false });
      expect(attr(person, "mail")).toMatchObject({ multiValued: true });
      expect(attr(person, "sn")).toBeDefined(); // inherited from person over organizationalPerson
      expect(attr(person, "manager")).toMatchObject({ type: "reference" });
      expect(attr(person, "jpegPhoto")).toMatchObject({ type: "binary" });
      const group = schema.objectTypes.find((t) => t.name === "group")!;
      expect(attr(group, "member")).toMatchObject({ type: "reference", multiValued: true });
      expect(attr(group, "owner")).toMatchObject({ type: "reference" });
    } finally {
      await connector.close();
    }
  });
});

describe("LDAP connection failures", () => {
  it("bad credentials: ConnectivityError with a clear message and no password in it", async () => {
    const box = await ldapSandbox();
    const connector = open(ldapConfig(box.dn, { bindPassword: "wrong-Secret-42" }));
    try {
      const error = await connector.testConnection().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectivityError);
      expect((error as ConnectivityError).code).toBe("ldap-invalid-credentials");
      expect((error as Error).message).toMatch(/bind as cn=admin,dc=example,dc=com failed: invalid credentials/);
      expect((error as Error).message).not.toContain("wrong-Secret-42");
      await expect(importObjects(connector)).rejects.toBeInstanceOf(ConnectivityError);
    } finally {
      await connector.close();
      await box.close();
    }
  });

  it("a base DN that does not exist fails testConnection clearly", async () => {
    const connector = open(ldapConfig("ou=nowhere,dc=example,dc=com"));
    try {
      await expect(connector.testConnection()).rejects.toMatchObject({ code: "ldap-no-base-dn", message: expect.stringMatching(/ou=nowhere,dc=example,dc=com does not exist/) });
    } finally {
      await connector.close();
    }
  });

  it("nothing listening: ConnectivityError", async () => {
    const port = await freePort();
    const connector = open(ldapConfig("dc=example,dc=com", { url: `ldap://127.0.0.1:${port}`, connectTimeoutMs: 2000 }));
    try {
      await expect(connector.testConnection()).rejects.toMatchObject({ name: "ConnectivityError", code: "ldap-unreachable" });
    } finally {
      await connector.close();
    }
  });

  it("the server going away in the middle of a paged import stops it with a ConnectivityError", async () => {
    const slapd = await startSlapd();
    let stopped = false;
    try {
      const client = new Client({ url: slapd.url });
      await client.bind(slapd.adminDn, slapd.adminPassword);
      const people = Array.from({ length: 300 }, (_, i) => ({ dn: `uid=g${i},ou=people,${slapd.baseDn}`, attrs: personAttrs(`g${i}`) }));
      await addEntries(client, people, 8);
      await client.unbind();
      const connector = ldapConnectorType.create(
        ldapConnectorType.configSchema.parse({ url: slapd.url, bindDn: slapd.adminDn, bindPassword: slapd.adminPassword, baseDn: slapd.baseDn, objectTypes: { inetOrgPerson: "person" }, pageSize: 50, timeoutMs: 5000, connectTimeoutMs: 2000 }),
      );
      let seen = 0;
      const run = (async () => {
        for await (const batch of connector.fullImport({ batchSize: 50 })) {
          seen += batch.length;
          if (!stopped) {
            stopped = true;
            await slapd.stop();
          }
        }
      })();
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectivityError);
      expect((error as ConnectivityError).message).toMatch(/paged search/);
      expect(seen).toBeLessThan(300);
      await connector.close();
    } finally {
      if (!stopped) await slapd.stop();
    }
  });
});
