// The LDAP connector type: a directory server (OpenLDAP first; any LDAPv3 server for full imports
// and exports) as a connected system. Full imports page through the MA's subtree, delta imports
// read the server's change log or timestamps (ldap-delta-methods.ts: OpenLDAP accesslog, retro
// changelog, modifyTimestamp, AD DirSync or uSNChanged), exports write entry by entry, passwords go
// through RFC 3062 or AD's unicodePwd.

import { ConnectivityError, type Connector, type ConnectorType } from "../../engine/connector.ts";
import { connectivityError, ldapErrorCode, LdapConnection } from "./ldap-client.ts";
import { ldapConfigFields, ldapConfigSchema, type LdapConfig } from "./ldap-config.ts";
import { LDAP_DELTA } from "./ldap-delta-methods.ts";
import { openLdapExport } from "./ldap-export.ts";
import { ldapFullImport } from "./ldap-import.ts";
import { setLdapPassword } from "./ldap-password.ts";
import { discoverLdapSchema } from "./ldap-schema.ts";
import { LdapScope } from "./ldap-scope.ts";

/** Binds and checks that the base DN exists. */
async function testLdapConnection(conn: LdapConnection, scope: LdapScope): Promise<void> {
  const { config } = scope;
  const client = await conn.bound();
  try {
    await client.search(config.baseDn, { scope: "base", attributes: ["1.1"] });
  } catch (e) {
    if (ldapErrorCode(e) === "ldap-no-such-object") throw new ConnectivityError("ldap-no-base-dn", `LDAP ${config.url}: the base DN ${config.baseDn} does not exist (or ${config.bindDn} cannot see it)`, { cause: e });
    throw connectivityError(e, config, `reading the base DN ${config.baseDn}`);
  }
}

/** Opens one use of an LDAP MA: one connection, bound on first use, closed by close(). */
function createLdapConnector(config: LdapConfig): Connector {
  const conn = new LdapConnection(config);
  const scope = new LdapScope(config);
  const delta = LDAP_DELTA[config.deltaMethod];
  return {
    testConnection: () => testLdapConnection(conn, scope),
    discoverSchema: () => discoverLdapSchema(conn, scope),
    fullImport: (options) => ldapFullImport(conn, scope, options?.batchSize),
    deltaImport: (watermark, options) => delta.deltaImport(conn, scope, watermark, options ?? {}),
    currentWatermark: () => delta.currentWatermark(conn, scope),
    openExport: () => openLdapExport(conn, scope),
    setPassword: (target, password, options) => setLdapPassword(conn, scope, target, password, options),
    close: () => conn.close(),
  };
}

/** The `ldap` connector type (see ldap-config.ts for its settings, docs/connectors/ldap.md for the guide). */
export const ldapConnectorType: ConnectorType<LdapConfig> = {
  type: "ldap",
  label: "LDAP directory (OpenLDAP and other LDAPv3 servers)",
  capabilities: { supportsDelta: true, supportsExport: true, supportsPassword: true, supportsMustChangePassword: true },
  configSchema: ldapConfigSchema,
  fields: ldapConfigFields,
  create: createLdapConnector,
};
