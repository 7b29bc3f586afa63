// Turns one page of accesslog records into delta changes by re-reading the entries they touched.
// Records are keyed by reqEntryUUID (OpenLDAP 2.5+) or, on servers that do not log it, by the
// entry's DN (followed through modrdns). A touched entry that is found again is a complete update
// (an add when it was added or moved into the subtree); one that is not found is deleted for this
// MA, when its anchor is known (entryUUID, or the anchor in reqOld when the log keeps old values).

import type { Client, Entry } from "ldapts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { normalizeDn } from "../ldif/entry-mapping.ts";
import { connectivityError, entryAttrs, escapeFilterValue, isConnectionFailure, ldapErrorCode } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** Attributes of the accesslog records read. */
export const LOG_ATTRIBUTES = ["reqType", "reqDN", "reqNewDN", "reqEnd", "reqEntryUUID", "reqOld"];
/** entryUUIDs per re-read search. */
const READ_CHUNK = 100;

/** What one page of the log says about one entry. */
interface Touched {
  uuid?: string;
  dn: string;
  added: boolean;
  deleted: boolean;
  /** the configured anchor from reqOld (a delete, when the log keeps old values). */
  oldAnchor?: string;
}

/** The anchor attribute's value in reqOld lines ("uid: jdoe"). */
function anchorFromOld(old: string[] | undefined, anchor: string): string | undefined {
  const prefix = `${anchor.toLowerCase()}:`;
  const line = old?.find((l) => l.toLowerCase().startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

/** The entries a page of records (in reqEnd order) touched inside the MA's scope, in order of their last change. */
export function touchedEntries(records: Record<string, string[]>[], scope: LdapScope): Touched[] {
  const touched = new Map<string, Touched>();
  for (const r of records) {
    const type = r.reqType?.[0]?.toLowerCase();
    const oldDn = r.reqDN?.[0] ?? "";
    const dn = r.reqNewDN?.[0] ?? oldDn;
    if (!type || !(scope.contains(dn) || scope.contains(oldDn))) continue;
    const uuid = r.reqEntryUUID?.[0];
    const oldKey = uuid ? `u:${uuid}` : `d:${normalizeDn(oldDn)}`;
    const key = uuid ? oldKey : `d:${normalizeDn(dn)}`;
    const t = touched.get(oldKey) ?? { uuid, dn, added: false, deleted: false };
    t.dn = dn;
    // An add, or a move into the subtree, is new to this MA.
    if (type === "add" || (type === "modrdn" && !scope.contains(oldDn))) Object.assign(t, { added: true, deleted: false });
    else if (type === "delete") Object.assign(t, { deleted: true, oldAnchor: anchorFromOld(r.reqOld, scope.config.anchor) });
    touched.delete(oldKey);
    touched.set(key, t);
  }
  return [...touched.values()];
}

/** Re-reads the touched entries: by entryUUID in chunks, or by DN. */
async function reread(client: Client, scope: LdapScope, touched: Touched[]): Promise<Map<Touched, Entry>> {
  const { config } = scope;
  const found = new Map<Touched, Entry>();
  const attributes = [...new Set([...scope.attributes, "entryUUID"])];
  const options = { attributes, explicitBufferAttributes: scope.buffers };
  const byUuid = touched.filter((t) => !t.deleted && t.uuid);
  for (let i = 0; i < byUuid.length; i += READ_CHUNK) {
    const chunk = byUuid.slice(i, i + READ_CHUNK);
    const tests = chunk.map((t) => `(entryUUID=${escapeFilterValue(t.uuid!)})`);
    const { searchEntries } = await client.search(config.baseDn, { ...options, scope: config.scope, filter: scope.filterWith(tests.length === 1 ? tests[0]! : `(|${tests.join("")})`) });
    const byId = new Map(chunk.map((t) => [t.uuid!.toLowerCase(), t]));
    for (const e of searchEntries) {
      const t = byId.get(entryAttrs(e).entryUUID?.[0]?.toLowerCase() ?? "");
      if (t) found.set(t, e);
    }
  }
  for (const t of touched.filter((t) => !t.deleted && !t.uuid)) {
    try {
      const { searchEntries } = await client.search(t.dn, { ...options, scope: "base", filter: scope.filter });
      if (searchEntries[0]) found.set(t, searchEntries[0]);
    } catch (e) {
      if (isConnectionFailure(e) || ldapErrorCode(e) !== "ldap-no-such-object") throw e;
    }
  }
  return found;
}

/** The delta changes of one page of records. */
export async function applyLogPage(client: Client, scope: LdapScope, records: Record<string, string[]>[]): Promise<DeltaImportItem[]> {
  const { config } = scope;
  const touched = touchedEntries(records, scope);
  let found: Map<Touched, Entry>;
  try {
    found = await reread(client, scope, touched);
  } catch (e) {
    throw connectivityError(e, config, `re-reading changed entries under ${config.baseDn}`);
  }
  const isAnchorUuid = config.anchor.toLowerCase() === "entryuuid";
  // Re-reads ask for entryUUID too; it stays out of the values unless the MA reads it anyway.
  const dropUuid = !scope.attributes.some((a) => a.toLowerCase() === "entryuuid");
  const out: DeltaImportItem[] = [];
  for (const t of touched) {
    const entry = found.get(t);
    if (entry) {
      const item = scope.toItem(entry);
      if (item.kind === "error") out.push(item);
      else {
        if (dropUuid) for (const k of Object.keys(item.object.attrs)) if (k.toLowerCase() === "entryuuid") delete item.object.attrs[k];
        const { anchor, dn, objectType, attrs } = item.object;
        out.push({ kind: "change", op: t.added ? "add" : "update", anchor, dn, objectType, attrs, complete: true });
      }
      continue;
    }
    // Deleted, or no longer in scope: gone for this MA.
    const anchor = isAnchorUuid ? t.uuid : t.oldAnchor;
    if (anchor) out.push({ kind: "change", op: "delete", anchor, dn: t.dn });
    else if (t.deleted) {
      out.push({ kind: "error", code: "ldap-delta-delete-without-anchor", message: `${t.dn} was deleted but the accesslog does not hold its ${config.anchor}: log old values (logold, logoldattr ${config.anchor}) or anchor on entryUUID`, dn: t.dn });
    }
  }
  return out;
}
