// Folds a window of retro changelog records (in changeNumber order) into the entries they touched:
// each followed by DN through its renames, with the DN it had when the window started (what the
// connector space may know it by) and whether it is new or gone. A DN deleted and added again is
// two entries: the old one's delete is not lost behind the new one's add.

import { splitDn } from "../../engine/expression-dn.ts";
import type { AttrValues } from "../../engine/types.ts";
import { normalizeDn } from "../ldif/entry-mapping.ts";
import type { LdapScope } from "./ldap-scope.ts";

export type ChangelogType = "add" | "modify" | "modrdn" | "delete";

/** One changelog entry. */
export interface ChangelogRecord {
  number: number;
  type: ChangelogType;
  dn: string;
  /** modrdn: the DN after it (newRDN under newSuperior, or under the old parent). */
  newDn?: string;
  /** targetUniqueId, when the server logs it. */
  uniqueId?: string;
}

/** One entry touched by a window. */
export interface TouchedEntry {
  /** its DN before the window (null: added in the window, or moved in from outside the scope). */
  startDn: string | null;
  /** its DN after the window. */
  dn: string;
  added: boolean;
  deleted: boolean;
  uniqueId?: string;
  /** changeNumber of its last change (output order). */
  last: number;
}

const TYPES = new Set<string>(["add", "modify", "modrdn", "delete"]);

/** A changelog entry's attributes (any key case) as a record; null when it is not a write we know. */
export function parseChangelogRecord(attrs: AttrValues): ChangelogRecord | null {
  const a = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.toLowerCase(), v[0]]));
  const number = Number(a.changenumber);
  const type = a.changetype?.toLowerCase();
  const dn = a.targetdn;
  if (!Number.isInteger(number) || !type || !TYPES.has(type) || !dn) return null;
  const record: ChangelogRecord = { number, type: type as ChangelogType, dn };
  if (a.targetuniqueid) record.uniqueId = a.targetuniqueid;
  if (type === "modrdn" && a.newrdn) {
    const parent = a.newsuperior ?? splitDn(dn).slice(1).join(",");
    record.newDn = parent ? `${a.newrdn},${parent}` : a.newrdn;
  }
  return record;
}

/** The entries a window touched inside the MA's scope, in order of their last change. */
export function foldChangelog(records: ChangelogRecord[], scope: LdapScope): TouchedEntry[] {
  const live = new Map<string, TouchedEntry>();
  const all: TouchedEntry[] = [];
  const track = (dn: string, startDn: string | null, added: boolean): TouchedEntry => {
    const t: TouchedEntry = { startDn, dn, added, deleted: false, last: 0 };
    all.push(t);
    live.set(normalizeDn(dn), t);
    return t;
  };
  for (const r of records) {
    const inScope = scope.contains(r.dn);
    if (!inScope && !(r.newDn && scope.contains(r.newDn))) continue;
    const key = normalizeDn(r.dn);
    let t = live.get(key);
    if (r.type === "add") t = track(r.dn, null, true);
    else t ??= track(r.dn, inScope ? r.dn : null, !inScope);
    if (r.type === "modrdn" && r.newDn) {
      live.delete(key);
      live.set(normalizeDn(r.newDn), t);
      t.dn = r.newDn;
    } else if (r.type === "delete") {
      t.deleted = true;
      live.delete(key);
    }
    if (r.uniqueId) t.uniqueId = r.uniqueId;
    t.last = r.number;
  }
  return all.sort((a, b) => a.last - b.last);
}
