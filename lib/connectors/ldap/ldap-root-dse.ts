// The root DSE of an LDAP server (RFC 4512 §5.1): read right after the bind, before a base DN is
// chosen, so the MA Designer's Connect page can show the server's answer and offer its naming
// contexts (partitions) on the next page.

import type { LdapConfig } from "./ldap-config.ts";
import { LdapConnection } from "./ldap-client.ts";

export interface LdapRootDse {
  namingContexts: string[];
  vendorName?: string;
  vendorVersion?: string;
}

const text = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

/**
 * Binds with the config's connection settings (URL, account, TLS) and reads the root DSE; the base
 * DN and the rest are not read. Failures are ConnectivityError (ldap-invalid-credentials, ...).
 */
export async function readLdapRootDse(config: LdapConfig): Promise<LdapRootDse> {
  const conn = new LdapConnection(config);
  try {
    const { searchEntries } = await conn.use("reading the root DSE", (client) =>
      client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["namingContexts", "vendorName", "vendorVersion"] }),
    );
    const e = searchEntries[0] ?? {};
    const vendorName = text(e.vendorName)[0];
    const vendorVersion = text(e.vendorVersion)[0];
    return { namingContexts: text(e.namingContexts), ...(vendorName ? { vendorName } : {}), ...(vendorVersion ? { vendorVersion } : {}) };
  } finally {
    await conn.close();
  }
}
