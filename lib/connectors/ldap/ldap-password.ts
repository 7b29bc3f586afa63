// Password set / reset, by the MA's passwordMethod: the Password Modify extended operation (RFC
// 3062), which lets the server hash the password its own way; a userPassword replace; "auto" (the
// first when the server offers it, else the second); or Active Directory's unicodePwd, replaced by
// an account with the reset-password right, as the password in double quotes in UTF-16LE. AD takes
// unicodePwd over an encrypted connection only, so IdSync refuses to send it on a plain one before
// connecting. "Must change at next logon" is the ppolicy pwdReset attribute (draft-behera) when the
// server's schema has it, and pwdLastSet 0 (must change) or -1 (not) on AD.

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

/** unicodePwd's value: the password in double quotes, UTF-16LE (MS-ADTS 3.1.1.3.1.5). */
export function unicodePwdValue(password: string): Buffer {
  return Buffer.from(`"${password}"`, "utf16le");
}

const replace = (type: string, values: string[] | Buffer[]) => new Change({ operation: "replace", modification: new Attribute({ type, values }) });

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
  const method = scope.config.passwordMethod;
  if (method === "unicodePwd" && !conn.secured) {
    throw new ConnectivityError("ldap-password-needs-tls", `LDAP ${scope.config.url}: the password of ${target.dn} was not sent: Active Directory's unicodePwd is set over an encrypted connection only (use ldaps:// or turn on StartTLS)`);
  }
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
    const exop = method === "passwordModify" || (method === "auto" && (await rootDse(client)).extensions.includes(PASSWORD_MODIFY_OID));
    if (method === "unicodePwd") await client.modify(dn, replace("unicodePwd", [unicodePwdValue(password)]));
    else if (exop) await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue(dn, password));
    else await client.modify(dn, replace("userPassword", [password]));
  } catch (e) {
    fail(e, "setting the password of");
  }
  if (options.mustChange === undefined) return;
  if (method === "unicodePwd") {
    // AD: pwdLastSet 0 asks for a change at next logon; -1 stamps now (no change asked).
    await client.modify(dn, replace("pwdLastSet", [options.mustChange ? "0" : "-1"])).catch((e: unknown) => fail(e, "setting pwdLastSet of"));
    return;
  }
  try {
    if (!(await knowsPwdReset(client))) {
      if (options.mustChange) throw new ConnectivityError("ldap-must-change-unsupported", `LDAP ${scope.config.url}: the password of ${dn} was set, but the server has no pwdReset attribute (ppolicy) to require a change at next logon`);
      return;
    }
    await client.modify(dn, replace("pwdReset", options.mustChange ? ["TRUE"] : []));
  } catch (e) {
    fail(e, "setting pwdReset of");
  }
}
