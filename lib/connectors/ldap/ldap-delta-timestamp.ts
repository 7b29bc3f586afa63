// Delta import by timestamps, for any LDAPv3 server: the entries in scope whose modifyTimestamp or
// createTimestamp is at or after the watermark, read paged and reported as complete updates (an
// add when created since then). A rename changes modifyTimestamp, so it comes out as an update of
// the same anchor under the new DN (the engine stages a rename). Deletes, and entries leaving the
// scope, leave nothing to find: only a full import sees them (docs/connectors/ldap.md).
// The watermark is the newest timestamp seen (server time, whole seconds, compared with >= so a
// change in the same second is not lost; the entries of that second are re-read harmlessly). When
// a full import starts there is no server time to read from every server, so IdSync's clock less
// TIMESTAMP_OVERLAP_S is used: the server's clock must not run behind IdSync's by more than that.

import type { Entry } from "ldapts";
import { ConnectivityError, type DeltaImport, type DeltaImportOptions } from "../../engine/connector.ts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { connectivityError, escapeFilterValue, type LdapConnection } from "./ldap-client.ts";
import { eachPage, inBatches, pagedEntries } from "./ldap-paged-search.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** How far before IdSync's clock the watermark of a full import's start is put. */
export const TIMESTAMP_OVERLAP_S = 300;

const STAMPS = ["modifyTimestamp", "createTimestamp"];

/** A generalized time to the second ("20261127081500Z"), or null when `value` is not one. */
export function secondsStamp(value: string): string | null {
  const m = /^(\d{14})(?:[.,]\d+)?Z$/i.exec(value.trim());
  return m ? `${m[1]}Z` : null;
}

export function stampOf(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}

/** IdSync's clock less the overlap: the start of the changes a full import starting now may miss. */
export async function currentTimestampWatermark(): Promise<string> {
  return stampOf(new Date(Date.now() - TIMESTAMP_OVERLAP_S * 1000));
}

/** The value of `name` in an entry, whatever the key case ldapts gives it. */
function valueOf(entry: Entry, name: string): string | undefined {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key === undefined ? undefined : entry[key];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : String(first);
}

/** Entries changed or created at or after `watermark` (null: every entry, as added). */
export async function timestampDeltaImport(conn: LdapConnection, scope: LdapScope, watermark: string | null, options: DeltaImportOptions): Promise<DeltaImport> {
  const client = await conn.bound();
  const { config } = scope;
  const since = watermark === null ? null : secondsStamp(watermark);
  if (watermark !== null && since === null) {
    throw new ConnectivityError("ldap-timestamp-bad-watermark", `LDAP ${config.url}: the stored watermark "${watermark}" is not a generalized time (was another delta method used?): run a full import first`);
  }
  const stampFilter = since === null ? "" : `(|(modifyTimestamp>=${escapeFilterValue(since)})(createTimestamp>=${escapeFilterValue(since)}))`;
  const filter = stampFilter ? scope.filterWith(stampFilter) : scope.filter;
  const asked = new Set(scope.attributes.map((a) => a.toLowerCase()));
  const extra = STAMPS.filter((s) => !asked.has(s.toLowerCase()));
  const batchSize = options.batchSize ?? 500;
  let newest = since;

  async function* changes(): AsyncGenerator<DeltaImportItem[]> {
    const pages = client.searchPaginated(config.baseDn, { scope: config.scope, filter, attributes: [...scope.attributes, ...extra], explicitBufferAttributes: scope.buffers, paged: { pageSize: config.pageSize } });
    const entries = pagedEntries(pages, (e) => connectivityError(e, config, `searching ${config.baseDn} for ${filter}`));
    yield* inBatches(eachPage(entries, (page) => page.map(toChange)), batchSize);
  }

  function toChange(entry: Entry): DeltaImportItem {
    const modified = secondsStamp(valueOf(entry, "modifyTimestamp") ?? "");
    const created = secondsStamp(valueOf(entry, "createTimestamp") ?? "");
    for (const s of [modified, created]) if (s && (newest === null || s > newest)) newest = s;
    for (const k of Object.keys(entry)) if (extra.some((s) => s.toLowerCase() === k.toLowerCase())) delete entry[k];
    const item = scope.toItem(entry);
    if (item.kind === "error") return item;
    const { anchor, dn, objectType, attrs } = item.object;
    // Created in the watermark's own second: maybe known already; the engine adds unknown anchors anyway.
    const isNew = since === null || (created !== null && created > since);
    return { kind: "change", op: isNew ? "add" : "update", anchor, dn, objectType, attrs, complete: true };
  }

  // With nothing changed the watermark stays; never earlier than where this import started.
  return { changes: changes(), watermark: () => newest ?? watermark ?? null };
}
