// The run-wide slapd started by test/support/global-setup.ts, as seen from a test file.
import crypto from "node:crypto";
import { Client } from "ldapts";
import { inject } from "vitest";

export interface TestLdap {
  url: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
}

/** The shared slapd's coordinates (also in IDSYNC_TEST_LDAP_* for subprocesses). */
export function testLdap(): TestLdap {
  const provided = inject("ldap");
  if (provided?.url) return provided;
  const url = process.env.IDSYNC_TEST_LDAP_URL;
  if (!url) throw new Error("no test slapd: run the tests through vitest (test/support/global-setup.ts starts it)");
  return {
    url,
    baseDn: process.env.IDSYNC_TEST_LDAP_BASE_DN ?? "dc=example,dc=com",
    adminDn: process.env.IDSYNC_TEST_LDAP_ADMIN_DN ?? "cn=admin,dc=example,dc=com",
    adminPassword: process.env.IDSYNC_TEST_LDAP_ADMIN_PASSWORD ?? "secret",
  };
}

/** An ldapts Client bound as the admin; the caller unbinds it. */
export async function adminClient(): Promise<Client> {
  const l = testLdap();
  const client = new Client({ url: l.url, timeout: 10_000, connectTimeout: 5_000 });
  await client.bind(l.adminDn, l.adminPassword);
  return client;
}

/**
 * A private organizationalUnit (ou=t-<random>,dc=example,dc=com) for one test file, since every file
 * shares the one slapd. cleanup() deletes it and everything under it.
 */
export async function freshLdapOu(): Promise<{ dn: string; cleanup(): Promise<void> }> {
  const l = testLdap();
  const ou = `t-${crypto.randomBytes(5).toString("hex")}`;
  const dn = `ou=${ou},${l.baseDn}`;
  const client = await adminClient();
  try {
    await client.add(dn, { objectClass: ["top", "organizationalUnit"], ou });
  } finally {
    await client.unbind();
  }
  return {
    dn,
    async cleanup() {
      const c = await adminClient();
      try {
        const { searchEntries } = await c.search(dn, { scope: "sub", attributes: ["1.1"] });
        // deepest first
        const dns = searchEntries.map((e) => e.dn).sort((a, b) => b.split(",").length - a.split(",").length);
        for (const d of dns) await c.del(d);
      } finally {
        await c.unbind();
      }
    },
  };
}
