// Export to a directory: add, modify (replace / add / delete values per AttrChange), modDN (rename,
// moving to another parent when it changes) and delete, answered per object. An LDAP result code
// about one entry (entryAlreadyExists, noSuchObject, constraintViolation, ...) fails that object
// only; a lost connection stops the step with a ConnectivityError. Directories have no
// transactions: each change is written when it arrives, and a session remembers how to undo what
// it wrote so abort() can put the entries back (best effort; a re-added entry gets a new entryUUID).

import { Attribute, Change, Control, type Client } from "ldapts";
import { ConnectivityError, type ExportSession } from "../../engine/connector.ts";
import { splitDn, unescapeDnValue } from "../../engine/expression-dn.ts";
import type { AttrChange, AttrValues, ExportChange, ExportResult } from "../../engine/types.ts";
import { getAttr, normalizeDn, setValues } from "../ldif/entry-mapping.ts";
import { describeLdapError, entryAttrs, isConnectionFailure, ldapErrorCode, type LdapConnection } from "./ldap-client.ts";
import { ExportScheduler } from "./ldap-export-order.ts";
import { findByAnchor, readAnchor } from "./ldap-lookup.ts";
import { PostReadControl } from "./ldap-read-entry-control.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** Permissive Modify (AD, OpenLDAP): adding a present value or deleting an absent one is not an error. */
const PERMISSIVE_MODIFY = new Control("1.2.840.113556.1.4.1413");

/** A change this connector refuses before asking the server. */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Undo = { kind: "add"; dn: string } | { kind: "modify"; dn: string; before: AttrValues; names: string[] } | { kind: "rename"; from: string; to: string } | { kind: "delete"; dn: string; attrs: AttrValues };

/** The attribute and unescaped value of a DN's first RDN. */
function firstRdn(dn: string): { attr: string; value: string } | null {
  const rdn = splitDn(dn)[0];
  const eq = rdn?.indexOf("=") ?? -1;
  if (!rdn || eq <= 0) return null;
  return { attr: rdn.slice(0, eq).trim(), value: unescapeDnValue(rdn.slice(eq + 1)) };
}

/** Opens an export session on the MA's directory (binds first: bad credentials stop the step here). */
export async function openLdapExport(conn: LdapConnection, scope: LdapScope): Promise<ExportSession> {
  await conn.bound();
  return new LdapExportSession(conn, scope);
}

class LdapExportSession implements ExportSession {
  private journal: Undo[] = [];
  private readonly scheduler: ExportScheduler;

  constructor(
    private readonly conn: LdapConnection,
    private readonly scope: LdapScope,
  ) {
    this.scheduler = new ExportScheduler(scope.config.exportConcurrency, (name) => scope.mapping.isReference(name));
  }

  async write(batch: ExportChange[]): Promise<ExportResult[]> {
    return this.scheduler.run(batch, (change) => this.apply(change));
  }

  async commit(): Promise<void> {
    this.journal = [];
  }

  /** Undoes this session's writes, newest first; stops at the first connection failure. */
  async abort(): Promise<void> {
    const undo = this.journal.reverse();
    this.journal = [];
    const client = await this.conn.bound().catch(() => null);
    if (!client) return;
    for (const u of undo) {
      try {
        if (u.kind === "add") await client.del(u.dn);
        else if (u.kind === "rename") await client.modifyDN(u.to, u.from);
        else if (u.kind === "delete") await client.add(u.dn, this.toAttributes(u.attrs));
        else await client.modify(u.dn, u.names.map((n) => this.change("replace", n, u.before[n] ?? [])), PERMISSIVE_MODIFY);
      } catch (e) {
        if (isConnectionFailure(e)) return;
      }
    }
  }

  /** One change, answered; connection failures throw. */
  private async apply(change: ExportChange): Promise<ExportResult> {
    try {
      const client = await this.conn.bound();
      switch (change.op) {
        case "add":
          return await this.add(client, change);
        case "delete":
          return await this.remove(client, change);
        default:
          return await this.modify(client, change);
      }
    } catch (e) {
      if (e instanceof ConnectivityError) throw e;
      if (e instanceof Refusal) return { id: change.id, ok: false, code: e.code, message: e.message };
      if (isConnectionFailure(e)) throw new ConnectivityError("ldap-unreachable", `LDAP ${this.scope.config.url}: export stopped at ${change.dn}: ${describeLdapError(e)}`, { cause: e });
      return { id: change.id, ok: false, code: ldapErrorCode(e), message: `${change.op} of ${change.newDn ?? change.dn}: ${describeLdapError(e)}`, anchor: change.anchor ?? undefined };
    }
  }

  private values(name: string, values: string[]): string[] | Buffer[] {
    const kept = values.filter((v) => v !== "");
    return this.scope.mapping.isBinary(name) ? kept.map((v) => Buffer.from(v, "base64")) : kept;
  }

  private change(operation: "add" | "delete" | "replace", name: string, values: string[]): Change {
    return new Change({ operation, modification: new Attribute({ type: name, values: this.values(name, values) }) });
  }

  private toAttributes(attrs: AttrValues): Attribute[] {
    return Object.entries(attrs).map(([type, values]) => new Attribute({ type, values: this.values(type, values) }));
  }

  private isAnchor(name: string): boolean {
    return name.toLowerCase() === this.scope.config.anchor.toLowerCase();
  }

  private async add(client: Client, change: ExportChange): Promise<ExportResult> {
    const { scope } = this;
    const rdn = firstRdn(change.dn);
    if (!rdn) throw new Refusal("ldap-export-bad-dn", `an add needs a DN like uid=x,ou=people,${scope.config.baseDn}, got "${change.dn}"`);
    if (!scope.contains(change.dn)) throw new Refusal("ldap-export-out-of-scope", `${change.dn} is outside the MA's subtree ${scope.config.baseDn}`);
    const attrs: AttrValues = {};
    const source = change.attrs ?? Object.fromEntries(Object.entries(change.changes).map(([n, c]) => [n, c.replace ?? c.add ?? []]));
    for (const [name, values] of Object.entries(source)) setValues(attrs, name, values.filter((v) => v !== ""));
    if (scope.serverAnchor) {
      for (const name of Object.keys(attrs)) if (this.isAnchor(name)) delete attrs[name];
    } else if (!getAttr(attrs, scope.config.anchor)?.length) {
      if (!change.anchor) throw new Refusal("ldap-export-no-anchor", `an add needs the anchor attribute "${scope.config.anchor}"`);
      setValues(attrs, scope.config.anchor, [change.anchor]);
    }
    // The RDN value is an attribute value too (the directory requires it).
    const rdnValues = getAttr(attrs, rdn.attr) ?? [];
    if (!rdnValues.some((v) => v.toLowerCase() === rdn.value.toLowerCase())) setValues(attrs, rdn.attr, [...rdnValues, rdn.value]);
    if (!getAttr(attrs, "objectClass")?.length) setValues(attrs, "objectClass", [scope.objectClassFor(change.objectType)]);
    // The server's anchor comes back in the add response (Post-Read control) or, without it, by a read.
    const postRead = scope.serverAnchor ? new PostReadControl([scope.config.anchor]) : null;
    await client.add(change.dn, this.toAttributes(attrs), postRead ?? undefined);
    this.journal.push({ kind: "add", dn: change.dn });
    const anchor = postRead ? (postRead.first(scope.config.anchor) ?? (await readAnchor(client, scope, change.dn))) : getAttr(attrs, scope.config.anchor)![0]!;
    if (!anchor) throw new Refusal("ldap-export-no-anchor", `${change.dn} was added but has no ${scope.config.anchor} to read back`);
    return { id: change.id, ok: true, anchor };
  }

  /**
   * The entry as it is now (the attributes asked for): at the change's DN, or, when that is gone
   * (renamed by someone else), where its anchor is found; null when it does not exist.
   */
  private async current(client: Client, change: ExportChange, attributes: string[]): Promise<{ dn: string; attrs: AttrValues } | null> {
    const options = { scope: "base" as const, attributes, explicitBufferAttributes: this.scope.buffers };
    try {
      const { searchEntries } = await client.search(change.dn, options);
      if (searchEntries[0]) return { dn: searchEntries[0].dn, attrs: entryAttrs(searchEntries[0]) };
    } catch (e) {
      if (isConnectionFailure(e) || ldapErrorCode(e) !== "ldap-no-such-object") throw e;
    }
    const found = change.anchor ? await findByAnchor(client, this.scope, change.anchor) : null;
    if (!found) return null;
    const { searchEntries } = await client.search(found.dn, options);
    return searchEntries[0] ? { dn: searchEntries[0].dn, attrs: entryAttrs(searchEntries[0]) } : null;
  }

  private async remove(client: Client, change: ExportChange): Promise<ExportResult> {
    const now = await this.current(client, change, ["*"]);
    // Deleting what is already gone reaches the wanted state.
    if (!now) return { id: change.id, ok: true, anchor: change.anchor ?? undefined };
    await client.del(now.dn);
    this.journal.push({ kind: "delete", dn: now.dn, attrs: now.attrs });
    return { id: change.id, ok: true, anchor: change.anchor ?? undefined };
  }

  private async modify(client: Client, change: ExportChange): Promise<ExportResult> {
    const wanted: [string, AttrChange][] = [];
    for (const [name, c] of Object.entries(change.changes)) {
      if (this.isAnchor(name)) {
        if (this.scope.serverAnchor) continue;
        throw new Refusal("ldap-export-anchor-immutable", `the anchor attribute "${name}" cannot change`);
      }
      wanted.push([name, c]);
    }
    const names = wanted.map(([n]) => n);
    const now = await this.current(client, change, names.length ? names : ["1.1"]);
    if (!now) throw new Refusal("ldap-no-such-object", `${change.dn} does not exist${change.anchor ? ` and no entry has ${this.scope.config.anchor}=${change.anchor}` : ""}`);
    const before: AttrValues = {};
    for (const n of names) before[n] = getAttr(now.attrs, n) ?? [];
    let dn = now.dn;
    if (change.op === "rename") {
      const next = change.newDn ? firstRdn(change.newDn) : null;
      if (!change.newDn || !next) throw new Refusal("ldap-export-bad-dn", `a rename needs a new DN, got "${change.newDn ?? ""}"`);
      if (!this.scope.contains(change.newDn)) throw new Refusal("ldap-export-out-of-scope", `${change.newDn} is outside the MA's subtree ${this.scope.config.baseDn}`);
      if (normalizeDn(change.newDn) !== normalizeDn(dn)) {
        // ldapts sends the parent as newSuperior (the server moves the entry when it differs) and deletes the old RDN value.
        await client.modifyDN(dn, change.newDn);
        this.journal.push({ kind: "rename", from: dn, to: change.newDn });
        const old = firstRdn(dn)!;
        for (const n of names) {
          let values = before[n]!;
          if (n.toLowerCase() === old.attr.toLowerCase()) values = values.filter((v) => v.toLowerCase() !== old.value.toLowerCase());
          if (n.toLowerCase() === next.attr.toLowerCase() && !values.some((v) => v.toLowerCase() === next.value.toLowerCase())) values = [...values, next.value];
          now.attrs[n] = values;
        }
        dn = change.newDn;
      }
    }
    // Value-level changes are checked against the values now (servers without permissive modify
    // refuse adding a present value or deleting an absent one).
    const mods: Change[] = [];
    const touched: string[] = [];
    for (const [name, c] of wanted) {
      const present = getAttr(now.attrs, name) ?? [];
      const list = attrChangeToLdap(name, this.effective(name, c, present), (op, n, v) => this.change(op, n, v));
      if (list.length) touched.push(name);
      mods.push(...list);
    }
    if (mods.length) {
      await client.modify(dn, mods, PERMISSIVE_MODIFY);
      this.journal.push({ kind: "modify", dn, before, names: touched });
    }
    return { id: change.id, ok: true, anchor: change.anchor ?? undefined };
  }

  /** A value-level change narrowed to what changes anything: removals of present values (as spelled there), additions of absent ones. */
  private effective(name: string, c: AttrChange, present: string[]): AttrChange {
    if (c.replace) return c;
    const key = this.scope.mapping.isReference(name) ? normalizeDn : this.scope.mapping.isBinary(name) ? (v: string) => v : (v: string) => v.toLowerCase();
    const have = new Map(present.map((v) => [key(v), v]));
    const remove = (c.remove ?? []).flatMap((v) => (have.has(key(v)) ? [have.get(key(v))!] : []));
    for (const v of c.remove ?? []) have.delete(key(v));
    const add = (c.add ?? []).filter((v) => v !== "" && !have.has(key(v)));
    return { remove, add };
  }
}

/** An engine AttrChange as LDAP modifications (`replace` wins, as the engine defines). */
export function attrChangeToLdap<T>(name: string, c: AttrChange, make: (op: "add" | "delete" | "replace", name: string, values: string[]) => T): T[] {
  if (c.replace) return [make("replace", name, c.replace.filter((v) => v !== ""))];
  const out: T[] = [];
  const remove = (c.remove ?? []).filter((v) => v !== "");
  const add = (c.add ?? []).filter((v) => v !== "");
  if (remove.length) out.push(make("delete", name, remove));
  if (add.length) out.push(make("add", name, add));
  return out;
}
