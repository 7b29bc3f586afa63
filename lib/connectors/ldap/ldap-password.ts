// Password set / reset: the Password Modify extended operation (RFC 3062), which lets the server
// hash the password its own way, falling back to replacing userPassword when the server does not
// offer it. "Must change at next logon" is the ppolicy pwdReset attribute (draft-behera), set when
// the server's schema has it.

import { Attribute, BerWriter, Change, type Client } from "ldapts";
import { ConnectivityError, type PasswordSetOptions } from "../../engine/connector.ts";
import { describeLdapError, isConnectionFailure, ldapErrorCode, type LdapConnection } from "./ldap-client.ts";
import { findByAnchor } from "./ldap-lookup.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** RFC 3062 LDAP Password Modify extended operation. */
export const PASSWORD_MODIFY_OID = "1.3.6.1.4.1.4203.1.11.1";

/** The BER value of a PasswdModifyRequest: SEQUENCE { userIdentity [0], newPasswd [2] }. */
export function passwordModifyValue(dn: string, password: string): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeString(dn, 0x80);
  w.writeString(password, 0x82);
  w.endSequence();
  return w.buffer;
}

async function rootDse(client: Client): Promise<{ extensions: string[] }> {
  const { searchEntries } = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["supportedExtension"] });
  const raw = searchEntries[0]?.supportedExtension ?? [];
  return { extensions: (Array.isArray(raw) ? raw : [raw]).map(String) };
}

/** Whether the server's schema knows pwdReset (the ppolicy overlay / schema is loaded). */
async function knowsPwdReset(client: Client): Promise<boolean> {
  const { searchEntries } = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["subschemaSubentry"] });
  const sub = String(searchEntries[0]?.subschemaSubentry ?? "cn=Subschema");
  const { searchEntries: s } = await client.search(sub, { scope: "base", filter: "(objectClass=subschema)", attributes: ["attributeTypes"] });
  const raw = s[0]?.attributeTypes ?? [];
  return (Array.isArray(raw) ? raw : [raw]).some((d) => /NAME\s+(\(\s*)?'pwdReset'/i.test(String(d)));
}

/** Sets the password of the entry at `target.dn` (or, when it moved, the entry with the anchor). */
export async function setLdapPassword(conn: LdapConnection, scope: LdapScope, target: { dn: string; anchor: string | null }, password: string, options: PasswordSetOptions = {}): Promise<void> {
  const client = await conn.bound();
  const fail = (e: unknown, doing: string): never => {
    if (e instanceof ConnectivityError) throw e;
    const code = isConnectionFailure(e) ? "ldap-unreachable" : `ldap-password-${ldapErrorCode(e).replace(/^ldap-/, "")}`;
    throw new ConnectivityError(code, `LDAP ${scope.config.url}: ${doing} ${target.dn} failed: ${describeLdapError(e)}`, { cause: e });
  };
  let dn = target.dn;
  try {
    const exists = await client.search(dn, { scope: "base", attributes: ["1.1"] }).then(
      (r) => r.searchEntries.length > 0,
      (e: unknown) => {
        if (isConnectionFailure(e)) throw e;
        return false;
      },
    );
    if (!exists && target.anchor) dn = (await findByAnchor(client, scope, target.anchor))?.dn ?? dn;
    const { extensions } = await rootDse(client);
    if (extensions.includes(PASSWORD_MODIFY_OID)) await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue(dn, password));
    else await client.modify(dn, new Change({ operation: "replace", modification: new Attribute({ type: "userPassword", values: [password] }) }));
  } catch (e) {
    fail(e, "setting the password of");
  }
  if (options.mustChange === undefined) return;
  try {
    if (!(await knowsPwdReset(client))) {
      if (options.mustChange) throw new ConnectivityError("ldap-must-change-unsupported", `LDAP ${scope.config.url}: the password of ${dn} was set, but the server has no pwdReset attribute (ppolicy) to require a change at next logon`);
      return;
    }
    await client.modify(dn, new Change({ operation: "replace", modification: new Attribute({ type: "pwdReset", values: options.mustChange ? ["TRUE"] : [] }) }));
  } catch (e) {
    fail(e, "setting pwdReset of");
  }
}
