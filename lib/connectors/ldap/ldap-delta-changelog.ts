// Delta import from a retro changelog (389 Directory Server, Sun/Oracle DSEE, iPlanet, Netscape):
// every write is an entry under `changelogDn` (cn=changelog) numbered by changeNumber, with
// changeType add / modify / modrdn / delete and targetDn. The watermark is the newest changeNumber
// processed (the root DSE's lastChangeNumber when a full import starts). Changes are read in
// windows of `pageSize` numbers, folded per entry (ldap-changelog-fold.ts) and applied by re-reading
// the touched entries at their current DN, so a rename comes out as an update of the same anchor
// under its new DN (the engine stages a rename) and several changes collapse into the current state.
// A delete names only the DN: its anchor comes from `targetUniqueId` when the server logs it
// (nsslapd-attribute: nsuniqueid:targetUniqueId), else from what this run has reported, else from
// the connector space (the engine's knownAnchors).

import type { Client, Entry } from "ldapts";
import { ConnectivityError, type DeltaImport, type DeltaImportOptions } from "../../engine/connector.ts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { parentDn, rdnAttribute, rdnValue, splitDn } from "../../engine/expression-dn.ts";
import { normalizeDn } from "../ldif/entry-mapping.ts";
import { connectivityError, entryAttrs, escapeFilterValue, isConnectionFailure, ldapErrorCode, type LdapConnection } from "./ldap-client.ts";
import { foldChangelog, parseChangelogRecord, type ChangelogRecord, type TouchedEntry } from "./ldap-changelog-fold.ts";
import type { LdapScope } from "./ldap-scope.ts";

const RECORD_ATTRIBUTES = ["changeNumber", "changeType", "targetDn", "newRDN", "newSuperior", "targetUniqueId"];
/** Re-read searches in flight at once. */
const REREAD_PARALLEL = 4;
/** Entries per re-read search. */
const RDN_CHUNK = 100;

interface ChangelogBounds {
  first: number;
  last: number;
}

/** first/lastChangeNumber from the root DSE; null when the server announces no changelog. */
async function readBounds(client: Client, scope: LdapScope): Promise<ChangelogBounds | null> {
  let entry: Entry | undefined;
  try {
    ({ searchEntries: [entry] } = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["firstChangeNumber", "lastChangeNumber"] }));
  } catch (e) {
    throw connectivityError(e, scope.config, "reading lastChangeNumber from the root DSE");
  }
  const attrs = Object.fromEntries(Object.entries(entry ? entryAttrs(entry) : {}).map(([k, v]) => [k.toLowerCase(), v]));
  const last = Number(attrs.lastchangenumber?.[0]);
  if (!Number.isInteger(last)) return null;
  const first = Number(attrs.firstchangenumber?.[0]);
  return { first: Number.isInteger(first) ? first : 0, last };
}

function noChangelog(scope: LdapScope, e?: unknown): ConnectivityError {
  const { config } = scope;
  return new ConnectivityError(
    "ldap-no-changelog",
    `LDAP ${config.url}: no retro changelog: the root DSE has no lastChangeNumber or ${config.changelogDn} cannot be read as ${config.bindDn} (389 DS: enable the Retro Changelog plugin and let the account read cn=changelog)`,
    e === undefined ? undefined : { cause: e },
  );
}

function unreadableChangelog(scope: LdapScope, from: number, to: number): ConnectivityError {
  const { config } = scope;
  return new ConnectivityError(
    "ldap-changelog-unreadable",
    `LDAP ${config.url}: ${config.changelogDn} returned no entry for changeNumber ${from} to ${to} although the root DSE says they exist: ${config.bindDn} may not read the changelog (389 DS: add an ACI on cn=changelog granting it read, search and compare), or the entries were removed (run a full import)`,
  );
}

/** The root DSE's lastChangeNumber: where the next delta import starts. Null without a changelog. */
export async function currentChangelogWatermark(conn: LdapConnection, scope: LdapScope): Promise<string | null> {
  const bounds = await readBounds(await conn.bound(), scope);
  return bounds ? String(bounds.last) : null;
}

/** The changelog records numbered from..to, in changeNumber order. */
async function readWindow(client: Client, scope: LdapScope, from: number, to: number): Promise<ChangelogRecord[]> {
  const { config } = scope;
  let entries: Entry[];
  try {
    ({ searchEntries: entries } = await client.search(config.changelogDn, { scope: "one", filter: `(&(changeNumber>=${from})(changeNumber<=${to}))`, attributes: RECORD_ATTRIBUTES }));
  } catch (e) {
    if (!isConnectionFailure(e) && ldapErrorCode(e) === "ldap-no-such-object") throw noChangelog(scope, e);
    throw connectivityError(e, config, `reading ${config.changelogDn} (changeNumber ${from} to ${to})`);
  }
  // Numbers are handed out one by one and trimmed only from the head: a window inside the log that
  // comes back empty means access control hides the entries (389 DS filters, it does not refuse).
  if (entries.length === 0) throw unreadableChangelog(scope, from, to);
  return entries
    .map((e) => parseChangelogRecord(entryAttrs(e)))
    .filter((r): r is ChangelogRecord => r !== null)
    .sort((a, b) => a.number - b.number);
}

/** `(uid=jdoe)` for the entry at `dn`, or null when its RDN is multi-valued (read by DN then). */
function rdnAssertion(dn: string): string | null {
  const rdn = splitDn(dn)[0];
  if (!rdn || /(?<!\\)\+/.test(rdn)) return null;
  const attr = rdnAttribute(dn);
  const value = rdnValue(dn);
  return attr && value !== undefined ? `(${attr}=${escapeFilterValue(value)})` : null;
}

/**
 * The touched entries still in scope, re-read at their current DN (absent: gone for this MA). The
 * log gives DNs only, so entries are read per parent, RDN_CHUNK at a time, with one-level searches
 * `(|(uid=a)(uid=b)...)`, and matched back by DN (a base search per entry is far slower).
 */
async function reread(client: Client, scope: LdapScope, touched: TouchedEntry[]): Promise<Map<TouchedEntry, Entry>> {
  const found = new Map<TouchedEntry, Entry>();
  const options = { attributes: scope.attributes, explicitBufferAttributes: scope.buffers };
  const searches: (() => Promise<void>)[] = [];
  const byParent = new Map<string, TouchedEntry[]>();
  for (const t of touched) {
    if (t.deleted || !scope.contains(t.dn)) continue;
    if (rdnAssertion(t.dn) === null) {
      searches.push(async () => {
        const { searchEntries } = await client.search(t.dn, { ...options, scope: "base", filter: scope.filter });
        if (searchEntries[0]) found.set(t, searchEntries[0]);
      });
      continue;
    }
    const parent = parentDn(t.dn);
    byParent.set(normalizeDn(parent), [...(byParent.get(normalizeDn(parent)) ?? []), t]);
  }
  for (const group of byParent.values()) {
    for (let i = 0; i < group.length; i += RDN_CHUNK) {
      const chunk = group.slice(i, i + RDN_CHUNK);
      const tests = [...new Set(chunk.map((t) => rdnAssertion(t.dn)!))];
      searches.push(async () => {
        const filter = scope.filterWith(tests.length === 1 ? tests[0]! : `(|${tests.join("")})`);
        const { searchEntries } = await client.search(parentDn(chunk[0]!.dn), { ...options, scope: "one", filter });
        const byDn = new Map(chunk.map((t) => [normalizeDn(t.dn), t]));
        for (const e of searchEntries) {
          const t = byDn.get(normalizeDn(e.dn));
          if (t) found.set(t, e);
        }
      });
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < searches.length) {
      try {
        await searches[next++]!();
      } catch (e) {
        // A parent that is gone too: its entries are gone.
        if (isConnectionFailure(e) || ldapErrorCode(e) !== "ldap-no-such-object") throw connectivityError(e, scope.config, `re-reading changed entries under ${scope.config.baseDn}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(REREAD_PARALLEL, searches.length) }, worker));
  return found;
}

/**
 * What one delta import has already said about DNs (normalized DN -> anchor, or null for a DN it
 * knows holds none of its entries any more): newer than the connector space, which is staged behind.
 */
type RunAnchors = Map<string, string | null>;

/** The delta changes of one window's touched entries. */
async function applyWindow(client: Client, scope: LdapScope, touched: TouchedEntry[], run: RunAnchors, options: DeltaImportOptions): Promise<DeltaImportItem[]> {
  const found = await reread(client, scope, touched);
  const uniqueIdAnchor = scope.config.anchor.toLowerCase() === "nsuniqueid";
  // Anchors of the gone entries the run cannot name, asked of the connector space in one go.
  const ask = touched.filter((t) => !found.has(t) && t.startDn !== null && !(uniqueIdAnchor && t.uniqueId) && !run.has(normalizeDn(t.startDn)));
  // The log keeps a DN as the client wrote it ("UID=Dave, ou=People"); the connector space as the
  // server returned it: ask for both spellings.
  const askDns = [...new Set(ask.flatMap((t) => [t.startDn!, normalizeDn(t.startDn!)]))];
  const known = askDns.length && options.knownAnchors ? await options.knownAnchors(askDns) : new Map<string, string>();
  const knownAt = (dn: string) => known.get(dn.toLowerCase()) ?? known.get(normalizeDn(dn));
  const out: DeltaImportItem[] = [];
  for (const t of touched) {
    const entry = found.get(t);
    const startKey = t.startDn === null ? null : normalizeDn(t.startDn);
    if (entry) {
      const item = scope.toItem(entry);
      if (item.kind === "error") {
        out.push(item);
        continue;
      }
      const { anchor, dn, objectType, attrs } = item.object;
      out.push({ kind: "change", op: t.added ? "add" : "update", anchor, dn, objectType, attrs, complete: true });
      if (startKey !== null && startKey !== normalizeDn(dn) && run.get(startKey) !== null) run.set(startKey, null);
      run.set(normalizeDn(dn), anchor);
      continue;
    }
    if (startKey === null) continue; // added (or moved in) and gone again within the window
    const anchor = (uniqueIdAnchor ? t.uniqueId : undefined) ?? (run.has(startKey) ? run.get(startKey) : knownAt(t.startDn!));
    run.set(startKey, null);
    // No anchor: the connector space never held an entry there (another object type, never imported).
    if (anchor) out.push({ kind: "change", op: "delete", anchor, dn: t.startDn! });
  }
  return out;
}

/** Changes logged after changeNumber `watermark` (null: everything the changelog holds). */
export async function changelogDeltaImport(conn: LdapConnection, scope: LdapScope, watermark: string | null, options: DeltaImportOptions): Promise<DeltaImport> {
  const client = await conn.bound();
  const { config } = scope;
  const bounds = await readBounds(client, scope);
  if (!bounds) throw noChangelog(scope);
  if (watermark !== null && !/^\d+$/.test(watermark)) {
    throw new ConnectivityError("ldap-changelog-bad-watermark", `LDAP ${config.url}: the stored watermark "${watermark}" is not a changeNumber (was another delta method used?): run a full import first`);
  }
  const start = watermark === null ? Math.max(bounds.first, 1) : Number(watermark) + 1;
  if (watermark !== null && bounds.first > start) {
    throw new ConnectivityError("ldap-changelog-trimmed", `LDAP ${config.url}: ${config.changelogDn} starts at changeNumber ${bounds.first} but this MA needs the changes from ${start}: they were trimmed; run a full import`);
  }
  // A changelog reset (server rebuilt) restarts the numbers: the stored one is then ahead of it.
  if (watermark !== null && Number(watermark) > bounds.last) {
    throw new ConnectivityError("ldap-changelog-reset", `LDAP ${config.url}: the stored changeNumber ${watermark} is ahead of the server's lastChangeNumber ${bounds.last} (changelog reset?): run a full import`);
  }
  const end = bounds.last;
  // Probe so an unreadable changelog fails before the engine stages anything.
  if (start <= end) await readWindow(client, scope, start, start);
  const batchSize = options.batchSize ?? 500;
  const run: RunAnchors = new Map();

  async function* changes(): AsyncGenerator<DeltaImportItem[]> {
    let out: DeltaImportItem[] = [];
    for (let from = start; from <= end; from += config.pageSize) {
      const to = Math.min(from + config.pageSize - 1, end);
      const records = await readWindow(client, scope, from, to);
      out.push(...(await applyWindow(client, scope, foldChangelog(records, scope), run, options)));
      while (out.length >= batchSize) yield out.splice(0, batchSize);
    }
    if (out.length) yield out;
  }

  return { changes: changes(), watermark: () => String(Math.max(end, start - 1)) };
}
