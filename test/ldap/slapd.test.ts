// The throwaway slapd from test/support/global-setup.ts: admin bind, add + search, and the accesslog
// entry a delta import reads.
import crypto from "node:crypto";
import { Client, NoSuchObjectError } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, freshLdapOu, testLdap } from "../support/test-ldap.ts";

describe("test slapd", () => {
  let client: Client;
  const uid = `t${crypto.randomBytes(4).toString("hex")}`;
  const dn = `uid=${uid},ou=people,dc=example,dc=com`;

  beforeAll(async () => {
    client = await adminClient();
  });
  afterAll(async () => {
    await client.del(dn).catch(() => {});
    await client.unbind();
  });

  it("is exposed to workers through inject and the environment", () => {
    const l = testLdap();
    expect(l.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.IDSYNC_TEST_LDAP_URL).toBe(l.url);
    expect(l).toMatchObject({ baseDn: "dc=example,dc=com", adminDn: "cn=admin,dc=example,dc=com", adminPassword: "secret" });
  });

  it("has ou=people and ou=groups", async () => {
    const { searchEntries } = await client.search("dc=example,dc=com", { scope: "one", filter: "(objectClass=organizationalUnit)" });
    expect(searchEntries.map((e) => e.dn)).toEqual(expect.arrayContaining(["ou=people,dc=example,dc=com", "ou=groups,dc=example,dc=com"]));
  });

  it("adds an inetOrgPerson, finds it, and logs the add under cn=accesslog", async () => {
    const before = new Date(Date.now() - 2000);
    await client.add(dn, {
      objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"],
      uid,
      cn: "Test Person",
      sn: "Person",
      mail: `${uid}@example.com`,
      userPassword: "Cleartext1!",
    });

    const { searchEntries } = await client.search("ou=people,dc=example,dc=com", {
      filter: `(uid=${uid})`,
      attributes: ["cn", "mail", "entryUUID", "userPassword"],
    });
    expect(searchEntries).toHaveLength(1);
    expect(searchEntries[0]).toMatchObject({ dn, cn: "Test Person", mail: `${uid}@example.com` });
    expect(String(searchEntries[0].entryUUID)).toMatch(/^[0-9a-f-]{36}$/);
    // ppolicy_hash_cleartext + password-hash {SSHA}: the cleartext write was stored hashed.
    expect(String(searchEntries[0].userPassword)).toMatch(/^\{SSHA\}/);

    const stamp = before.toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z");
    const log = await client.search("cn=accesslog", {
      filter: `(&(objectClass=auditAdd)(reqDN=${dn})(reqEnd>=${stamp}))`,
      attributes: ["reqType", "reqDN", "reqResult", "reqMod", "reqEnd"],
    });
    expect(log.searchEntries).toHaveLength(1);
    const entry = log.searchEntries[0];
    expect(entry).toMatchObject({ reqType: "add", reqDN: dn, reqResult: "0" });
    expect([entry.reqMod].flat().map(String)).toEqual(expect.arrayContaining([`uid:+ ${uid}`, "sn:+ Person"]));
  });

  it("keeps the accesslog from anonymous readers", async () => {
    const anon = new Client({ url: testLdap().url });
    try {
      await expect(anon.search("cn=accesslog", { scope: "base" })).rejects.toThrow();
    } finally {
      await anon.unbind();
    }
  });

  it("gives each test file a private ou that cleans up after itself", async () => {
    const ou = await freshLdapOu();
    await client.add(`cn=x,${ou.dn}`, { objectClass: ["top", "device"], cn: "x" });
    await ou.cleanup();
    await expect(client.search(ou.dn, { scope: "base" })).rejects.toBeInstanceOf(NoSuchObjectError);
  });
});
