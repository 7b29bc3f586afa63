// Delta import from the OpenLDAP accesslog (slapo-accesslog): the write operations logged under
// `accesslogDn` (auditAdd / auditModify / auditModRDN / auditDelete with reqResult 0) that ended
// after the watermark (reqEnd, generalized time with microseconds, strictly increasing). Changes
// are applied by re-reading: each entry touched by an add, modify or modrdn is read again (by its
// entryUUID, logged as reqEntryUUID) and reported as a complete update, so several changes to one
// entry collapse into its current state and an entry that left the scope (moved out, no longer
// matching the filter) is reported deleted. The log is readable by the rootdn only.
// Other servers need another watermark source (AD: DirSync cookie or uSNChanged; 389 DS / Oracle:
// the cn=changelog changeNumber; any server: modifyTimestamp); see docs/connectors/ldap.md.

import type { Client, Entry } from "ldapts";
import { ConnectivityError, type DeltaImport } from "../../engine/connector.ts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { connectivityError, entryAttrs, escapeFilterValue, isConnectionFailure, ldapErrorCode, type LdapConnection } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

const LOG_ATTRIBUTES = ["reqType", "reqDN", "reqNewDN", "reqEnd", "reqEntryUUID", "reqOld"];
/** entryUUIDs per re-read search. */
const READ_CHUNK = 100;
/** How far before the log's newest CSN the newest reqEnd is looked for. */
const CSN_LOOKBACK_S = 5;

/** A generalized time with microseconds, as reqEnd holds it: 20261127001533.191991Z. */
export function generalizedTime(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}.${p(date.getUTCMilliseconds(), 3)}000Z`;
}

function parseCsnTime(csn: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(csn);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
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
 * log database's contextCSN (its newest write) and a look at the few seconds before it. An empty
 * log gives the epoch (every change logged later is after it). Null when the log cannot be read
 * (full imports still work; delta imports report why).
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
  const newest = csns.map(parseCsnTime).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (!newest) return generalizedTime(new Date(0));
  const lower = generalizedTime(new Date(newest.getTime() - CSN_LOOKBACK_S * 1000));
  const entries = await searchLog(client, scope, `(&(objectClass=auditWriteObject)(reqEnd>=${lower}))`, ["reqEnd"]);
  let max = lower;
  for (const e of entries) {
    const end = entryAttrs(e).reqEnd?.[0];
    if (end && end > max) max = end;
  }
  return max;
}

/** What one page of the log says about one entry. */
interface Touched {
  uuid: string;
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
  const isAnchorUuid = config.anchor.toLowerCase() === "entryuuid";
  // Re-reads ask for entryUUID too; it stays out of the values unless the MA reads it anyway.
  const dropUuid = !scope.attributes.some((a) => a.toLowerCase() === "entryuuid");

  async function* changes(): AsyncGenerator<DeltaImportItem[]> {
    const pages = client.searchPaginated(config.accesslogDn, { scope: "one", filter, attributes: LOG_ATTRIBUTES, paged: { pageSize: config.pageSize } });
    let out: DeltaImportItem[] = [];
    try {
      for (;;) {
        let next: IteratorResult<{ searchEntries: Entry[] }>;
        try {
          next = await pages.next();
        } catch (e) {
          throw connectivityError(e, config, `reading the accesslog ${config.accesslogDn}`);
        }
        if (next.done) break;
        const records = next.value.searchEntries.map(entryAttrs).sort((a, b) => (a.reqEnd?.[0] ?? "").localeCompare(b.reqEnd?.[0] ?? ""));
        const touched = new Map<string, Touched>();
        for (const r of records) {
          const end = r.reqEnd?.[0];
          if (end && (newest === null || end > newest)) newest = end;
          const type = r.reqType?.[0]?.toLowerCase();
          const dn = r.reqNewDN?.[0] ?? r.reqDN?.[0] ?? "";
          const uuid = r.reqEntryUUID?.[0];
          if (!type || !uuid || !(scope.contains(dn) || scope.contains(r.reqDN?.[0] ?? ""))) continue;
          const t = touched.get(uuid) ?? { uuid, dn, added: false, deleted: false };
          t.dn = dn;
          // An add, or a move into the subtree, is new to this MA.
          if (type === "add" || (type === "modrdn" && !scope.contains(r.reqDN?.[0] ?? ""))) Object.assign(t, { added: true, deleted: false });
          else if (type === "delete") Object.assign(t, { deleted: true, oldAnchor: anchorFromOld(r.reqOld, config.anchor) });
          touched.delete(uuid);
          touched.set(uuid, t);
        }
        const reread = [...touched.values()].filter((t) => !t.deleted);
        const found = new Map<string, Entry>();
        for (let i = 0; i < reread.length; i += READ_CHUNK) {
          const chunk = reread.slice(i, i + READ_CHUNK).map((t) => `(entryUUID=${escapeFilterValue(t.uuid)})`);
          const any = chunk.length === 1 ? chunk[0]! : `(|${chunk.join("")})`;
          try {
            const attributes = [...new Set([...scope.attributes, "entryUUID"])];
            const { searchEntries } = await client.search(config.baseDn, { scope: config.scope, filter: scope.filterWith(any), attributes, explicitBufferAttributes: scope.buffers });
            for (const e of searchEntries) {
              const uuid = entryAttrs(e).entryUUID?.[0];
              if (uuid) found.set(uuid, e);
            }
          } catch (e) {
            throw connectivityError(e, config, `re-reading changed entries under ${config.baseDn}`);
          }
        }
        for (const t of touched.values()) {
          const entry = t.deleted ? undefined : found.get(t.uuid);
          if (entry) {
            const item = scope.toItem(entry);
            if (item.kind === "error") out.push(item);
            else {
              if (dropUuid) for (const k of Object.keys(item.object.attrs)) if (k.toLowerCase() === "entryuuid") delete item.object.attrs[k];
              const { anchor, dn, objectType, attrs } = item.object;
              out.push({ kind: "change", op: t.added ? "add" : "update", anchor, dn, objectType, attrs, complete: true });
            }
          } else {
            // Deleted, or no longer in scope: gone for this MA.
            const anchor = isAnchorUuid ? t.uuid : t.oldAnchor;
            if (anchor) out.push({ kind: "change", op: "delete", anchor, dn: t.dn });
            else if (t.deleted) {
              out.push({ kind: "error", code: "ldap-delta-delete-without-anchor", message: `${t.dn} was deleted but the accesslog does not hold its ${config.anchor}: log old values (logold, logoldattr ${config.anchor}) or anchor on entryUUID`, dn: t.dn });
            }
          }
          if (out.length >= batchSize) {
            yield out;
            out = [];
          }
        }
      }
      if (out.length) yield out;
    } finally {
      await pages.return(undefined).catch(() => undefined);
    }
  }

  return { changes: changes(), watermark: () => newest ?? start };
}
