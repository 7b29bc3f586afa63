// What the two Active Directory delta methods (DirSync, uSNChanged) share: they read the changes of
// the whole naming context that holds the MA's base DN (DirSync only works on a naming context's
// head; a move out of the subtree is only seen from there), and sort each changed object into
//   - a tombstone (isDeleted: TRUE, now under CN=Deleted Objects): deleted;
//   - an object outside the MA's subtree or no longer matching its filter: gone for this MA, a delete;
//   - an object in scope: a complete update (a new DN is a rename: objectGUID does not change).
// The engine ignores a delete of an anchor it never held, so changes elsewhere in the domain cost a
// look-up, nothing more.

import { AndFilter, EqualityFilter, FilterParser, OrFilter, type Client, type Entry, type Filter } from "ldapts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { normalizeDn } from "../ldif/entry-mapping.ts";
import { entryAttrs, escapeFilterValue } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** objectGUIDs per re-read search. */
const READ_CHUNK = 100;

/** The naming context (partition) holding `dn`: the longest of the root DSE's namingContexts it lies in. */
export async function namingContextOf(client: Client, dn: string): Promise<string> {
  const { searchEntries } = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["namingContexts"] });
  const raw = searchEntries[0]?.namingContexts ?? [];
  const key = normalizeDn(dn);
  const holding = (Array.isArray(raw) ? raw : [raw])
    .map(String)
    .filter((nc) => key === normalizeDn(nc) || key.endsWith(`,${normalizeDn(nc)}`))
    .sort((a, b) => b.length - a.length);
  return holding[0] ?? dn;
}

/** The searches' binary attributes: the MA's plus objectGUID, which the AD methods key changes by. */
export function adBuffers(scope: LdapScope): string[] {
  return [...new Set([...scope.buffers, "objectGUID", "objectguid"])];
}

/** An entry's objectGUID as base64 (ldapts returns it as bytes when asked, adBuffers). */
export function guidOf(entry: Entry): string | undefined {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === "objectguid");
  const raw = key ? entry[key] : undefined;
  const v = Array.isArray(raw) ? raw[0] : raw;
  return Buffer.isBuffer(v) ? v.toString("base64") : undefined;
}

/** The MA's anchor of an entry (a tombstone keeps objectGUID, objectSid and sAMAccountName). */
function anchorOf(scope: LdapScope, entry: Entry): string | undefined {
  const anchored = scope.mapping.anchorOf({ dn: entry.dn, attrs: entryAttrs(entry) });
  return "anchor" in anchored ? anchored.anchor : undefined;
}

/** The first value of an attribute of a search entry as text (any case of its name). */
function first(entry: Entry, name: string): string | undefined {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key ? entry[key] : undefined;
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v === undefined ? undefined : String(v);
}

function isTombstone(entry: Entry): boolean {
  return first(entry, "isDeleted")?.toUpperCase() === "TRUE";
}

/** The delete of a tombstone that was in the MA's subtree (its lastKnownParent says where it was); null for others. */
function tombstoneDelete(scope: LdapScope, entry: Entry): DeltaImportItem | null {
  // DirSync hands DN values in the extended form "<GUID=...>;OU=x,DC=y".
  const parent = first(entry, "lastKnownParent")?.replace(/^(<[^>]*>;)+/, "");
  // A child of the parent is in scope exactly when the deleted object was (scope sub or one).
  if (parent && !scope.contains(`cn=x,${parent}`)) return null;
  const anchor = anchorOf(scope, entry);
  if (anchor) return { kind: "change", op: "delete", anchor };
  return {
    kind: "error",
    code: "ldap-delta-delete-without-anchor",
    message: `${entry.dn} was deleted but its ${scope.config.anchor} is not kept in the tombstone: anchor AD objects on objectGUID`,
    dn: entry.dn,
  };
}

/** A live object that is no longer the MA's (moved out, filtered out): a delete when its anchor is known. */
function goneDelete(scope: LdapScope, entry: Entry): DeltaImportItem | null {
  const anchor = anchorOf(scope, entry);
  return anchor ? { kind: "change", op: "delete", anchor } : null;
}

/** An object in scope as a complete update (the engine adds it when it is new, renames it when its DN moved). */
function updateOf(scope: LdapScope, entry: Entry, readGuid: boolean): DeltaImportItem {
  const item = scope.toItem(entry);
  if (item.kind === "error") return item;
  const { anchor, dn, objectType, attrs } = item.object;
  // objectGUID was read to key the change; it stays out of the values unless the MA reads it anyway.
  if (readGuid) for (const k of Object.keys(attrs)) if (k.toLowerCase() === "objectguid") delete attrs[k];
  return { kind: "change", op: "update", anchor, dn, objectType, attrs, complete: true };
}

/** The MA's filter AND objectGUID = one of `guids` (base64), sent as bytes. */
function guidFilter(scope: LdapScope, guids: string[]): Filter {
  const tests = guids.map((g) => new EqualityFilter({ attribute: "objectGUID", value: Buffer.from(g, "base64") }));
  return new AndFilter({ filters: [FilterParser.parseString(scope.filter), tests.length === 1 ? tests[0]! : new OrFilter({ filters: tests })] });
}

/** Whether the MA reads objectGUID itself (anchor, or listed or all attributes). */
function readsGuid(scope: LdapScope): boolean {
  return scope.attributes.some((a) => a === "*" || a.toLowerCase() === "objectguid");
}

/**
 * The delta items of changed objects whose entries hold the MA's attributes in full (uSNChanged: a
 * plain search of the naming context with the MA's filter, and tombstones).
 */
export function adChangesOf(scope: LdapScope, entries: Entry[]): DeltaImportItem[] {
  const extraGuid = !readsGuid(scope);
  return entries.flatMap((e) => {
    const item = isTombstone(e) ? tombstoneDelete(scope, e) : !scope.contains(e.dn) ? goneDelete(scope, e) : updateOf(scope, e, extraGuid);
    return item ? [item] : [];
  });
}

/**
 * The delta items of changed objects whose entries hold only what changed (DirSync): each live
 * one is read again, by objectGUID, with the MA's filter and attributes, anywhere in the naming
 * context.
 */
export async function adChangesReread(client: Client, scope: LdapScope, namingContext: string, entries: Entry[]): Promise<DeltaImportItem[]> {
  const live = entries.filter((e) => !isTombstone(e) && guidOf(e));
  const current = new Map<string, Entry>();
  const attributes = [...new Set([...scope.attributes, "objectGUID"])];
  for (let i = 0; i < live.length; i += READ_CHUNK) {
    const guids = live.slice(i, i + READ_CHUNK).map((e) => guidOf(e)!);
    const { searchEntries } = await client.search(namingContext, {
      scope: "sub",
      filter: guidFilter(scope, guids),
      attributes,
      explicitBufferAttributes: adBuffers(scope),
    });
    for (const e of searchEntries) {
      const guid = guidOf(e);
      if (guid) current.set(guid, e);
    }
  }
  const extraGuid = !readsGuid(scope);
  const out: DeltaImportItem[] = [];
  for (const e of entries) {
    const guid = guidOf(e);
    const now = guid ? current.get(guid) : undefined;
    const item = isTombstone(e) ? tombstoneDelete(scope, e) : !now ? goneDelete(scope, e) : !scope.contains(now.dn) ? goneDelete(scope, now) : updateOf(scope, now, extraGuid);
    if (item) out.push(item);
  }
  return out;
}

/**
 * The MA's filter or a tombstone of its object types: a tombstone keeps objectClass but loses most
 * other attributes, so the MA's own filter may not match it any more.
 */
export function withTombstones(scope: LdapScope): string {
  const classes = Object.keys(scope.config.objectTypes).map((c) => `(objectClass=${escapeFilterValue(c)})`);
  const types = classes.length === 0 ? "" : classes.length === 1 ? classes[0]! : `(|${classes.join("")})`;
  return `(|${scope.filter}(&(isDeleted=TRUE)${types}))`;
}

/**
 * Attributes the AD searches ask for besides the MA's: the key, where a tombstone was, and the
 * object's name and DN (DirSync reports an object only when an attribute it was asked for changed:
 * a move changes distinguishedName alone).
 */
export const AD_DELTA_ATTRIBUTES = ["objectGUID", "isDeleted", "lastKnownParent", "name", "distinguishedName"];
