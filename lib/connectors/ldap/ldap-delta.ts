// Delta import from the OpenLDAP accesslog (slapo-accesslog): the write operations logged under
// `accesslogDn` (auditAdd / auditModify / auditModRDN / auditDelete with reqResult 0) that ended
// after the watermark (reqEnd, generalized time with microseconds, strictly increasing), read
// paged; each page is applied by re-reading the entries it touched (ldap-delta-apply.ts), so
// several changes to one entry collapse into its current state. The log is readable by the
// rootdn only.
// Other servers need another watermark source (AD: DirSync cookie or uSNChanged; 389 DS / Oracle:
// the cn=changelog changeNumber; any server: modifyTimestamp); see docs/connectors/ldap.md.

import type { Client, Entry } from "ldapts";
import { ConnectivityError, type DeltaImport } from "../../engine/connector.ts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { connectivityError, entryAttrs, escapeFilterValue, isConnectionFailure, ldapErrorCode, type LdapConnection } from "./ldap-client.ts";
import { applyLogPage, LOG_ATTRIBUTES } from "./ldap-delta-apply.ts";
import { eachPage, inBatches, pagedEntries } from "./ldap-paged-search.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** How far before the log's newest CSN the newest reqEnd is looked for, in widening windows. */
const LOOKBACK_MS = [0, 100, 1000, 5000];

/** A generalized time with microseconds, as reqEnd holds it: 20261127001533.191991Z. */
export function generalizedTime(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}.${p(date.getUTCMilliseconds(), 3)}000Z`;
}

function parseCsnTime(csn: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?/.exec(csn);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +(m[7] ?? "0").padEnd(3, "0"))) : null;
}

function noAccesslog(config: LdapScope["config"], e: unknown): ConnectivityError {
  return new ConnectivityError(
    "ldap-no-accesslog",
    `LDAP ${config.url}: the accesslog ${config.accesslogDn} cannot be read as ${config.bindDn}: delta imports need the accesslog overlay and read access to its database (OpenLDAP: bind as its rootdn)`,
    { cause: e },
  );
}

/** Runs a search of the accesslog; a missing or unreadable log is a ConnectivityError that says so. */
async function searchLog(client: Client, scope: LdapScope, filter: string, attributes: string[]): Promise<Entry[]> {
  try {
    const { searchEntries } = await client.search(scope.config.accesslogDn, { scope: "one", filter, attributes });
    return searchEntries;
  } catch (e) {
    if (!isConnectionFailure(e) && ldapErrorCode(e) === "ldap-no-such-object") throw noAccesslog(scope.config, e);
    throw connectivityError(e, scope.config, `reading the accesslog ${scope.config.accesslogDn}`);
  }
}

/**
 * The newest reqEnd in the accesslog: changes after it are the next delta import's. Found from the
 * log database's contextCSN (its newest write): any window [t, now] that holds at least one log
 * entry holds the newest one, so the log is asked for the entries that ended in a few widening
 * windows before that CSN's time (indexed searches; the narrowest with an entry reads the fewest).
 * An empty log gives the epoch (every change logged later is after it). Null when the log cannot be
 * read (full imports still work; delta imports report why).
 */
export async function currentAccesslogWatermark(conn: LdapConnection, scope: LdapScope): Promise<string | null> {
  const client = await conn.bound();
  let csns: string[];
  try {
    const { searchEntries } = await client.search(scope.config.accesslogDn, { scope: "base", attributes: ["contextCSN"] });
    csns = searchEntries[0] ? (entryAttrs(searchEntries[0]).contextCSN ?? []) : [];
  } catch (e) {
    if (isConnectionFailure(e)) throw connectivityError(e, scope.config, `reading the accesslog ${scope.config.accesslogDn}`);
    return null;
  }
  const newestCsn = csns.filter((c) => parseCsnTime(c) !== null).sort().at(-1);
  if (!newestCsn) return generalizedTime(new Date(0));
  const newest = parseCsnTime(newestCsn)!.getTime();
  // The log database's CSN can be later than the last reqEnd (by most of a second): widening windows,
  // each an indexed search, until one holds an entry.
  const windows = LOOKBACK_MS.map((ms) => generalizedTime(new Date(newest - ms)));
  for (const lower of windows) {
    const entries = await searchLog(client, scope, `(&(objectClass=auditWriteObject)(reqEnd>=${lower}))`, ["reqEnd"]);
    let max: string | null = null;
    for (const e of entries) {
      const end = entryAttrs(e).reqEnd?.[0];
      if (end && (max === null || end > max)) max = end;
    }
    if (max !== null) return max;
  }
  return windows.at(-1)!;
}

/** Changes since `watermark` (null: everything the log holds). */
export async function ldapDeltaImport(conn: LdapConnection, scope: LdapScope, watermark: string | null, batchSize = 500): Promise<DeltaImport> {
  const client = await conn.bound();
  const { config } = scope;
  const since = watermark ? `(reqEnd>=${escapeFilterValue(watermark)})(!(reqEnd=${escapeFilterValue(watermark)}))` : "";
  const filter = `(&(objectClass=auditWriteObject)(reqResult=0)${since})`;
  // Probe first so a missing log fails here, before the engine starts staging.
  await searchLog(client, scope, `(&(objectClass=auditWriteObject)(reqEnd=${generalizedTime(new Date(0))}))`, ["1.1"]);
  const start = watermark ?? (await currentAccesslogWatermark(conn, scope));
  let newest: string | null = null;

  async function* changes(): AsyncGenerator<DeltaImportItem[]> {
    const pages = client.searchPaginated(config.accesslogDn, { scope: "one", filter, attributes: LOG_ATTRIBUTES, paged: { pageSize: config.pageSize } });
    const entries = pagedEntries(pages, (e) => connectivityError(e, config, `reading the accesslog ${config.accesslogDn}`));
    const pageChanges = (page: Entry[]) => {
      const records = page.map(entryAttrs).sort((a, b) => (a.reqEnd?.[0] ?? "").localeCompare(b.reqEnd?.[0] ?? ""));
      for (const r of records) {
        const end = r.reqEnd?.[0];
        if (end && (newest === null || end > newest)) newest = end;
      }
      return applyLogPage(client, scope, records);
    };
    yield* inBatches(eachPage(entries, pageChanges), batchSize);
  }

  return { changes: changes(), watermark: () => newest ?? start };
}
