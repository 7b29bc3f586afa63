// Delta import from Active Directory with the DirSync control: the server keeps the state in a
// cookie (the watermark, base64), and a search of the naming context with the last cookie returns
// the objects changed since, deletes included (a tombstone under CN=Deleted Objects with
// isDeleted: TRUE; no show-deleted control is needed with DirSync). A DirSync entry carries only
// the attributes that changed, so every changed object is read again in full by objectGUID
// (ldap-delta-ad.ts); a rename or move is the same objectGUID with a new DN. The bind account needs
// the "Replicating Directory Changes" right on the naming context (domain admins have it).

import type { Client, Entry } from "ldapts";
import { ConnectivityError, type DeltaImport } from "../../engine/connector.ts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { connectivityError, describeLdapError, isConnectionFailure, type LdapConnection } from "./ldap-client.ts";
import { DirSyncControl } from "./ldap-ad-controls.ts";
import { AD_DELTA_ATTRIBUTES, adBuffers, adChangesReread, namingContextOf, withTombstones } from "./ldap-delta-ad.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** A filter no object matches: DirSync still walks the changes and hands back the cookie of now. */
const NOTHING = "(&(objectClass=*)(!(objectClass=*)))";

/** One DirSync round: the entries it returned and the server's next cookie. */
async function dirSyncRound(client: Client, scope: LdapScope, base: string, filter: string, attributes: string[], cookie: Buffer): Promise<{ entries: Entry[]; cookie: Buffer; more: boolean }> {
  const control = new DirSyncControl(cookie);
  let entries: Entry[];
  try {
    ({ searchEntries: entries } = await client.search(base, { scope: "sub", filter, attributes, explicitBufferAttributes: adBuffers(scope) }, control));
  } catch (e) {
    if (isConnectionFailure(e)) throw connectivityError(e, scope.config, `DirSync search of ${base}`);
    throw new ConnectivityError(
      "ldap-dirsync-refused",
      `LDAP ${scope.config.url}: the DirSync search of ${base} was refused: ${describeLdapError(e)}. DirSync needs Active Directory, a bind account with the "Replicating Directory Changes" right on ${base}, and a cookie made by this domain`,
      { cause: e },
    );
  }
  if (!control.cookie.length) throw new ConnectivityError("ldap-dirsync-no-cookie", `LDAP ${scope.config.url}: the DirSync search of ${base} returned no cookie (is this Active Directory?)`);
  return { entries, cookie: control.cookie, more: control.moreResults };
}

/** The cookie of now (taken before a full import): DirSync rounds over a filter that matches nothing. */
export async function currentDirSyncWatermark(conn: LdapConnection, scope: LdapScope): Promise<string | null> {
  const client = await conn.bound();
  const base = await namingContextOf(client, scope.config.baseDn).catch((e: unknown) => {
    throw connectivityError(e, scope.config, "reading the root DSE");
  });
  let cookie: Buffer = Buffer.alloc(0);
  for (;;) {
    const round = await dirSyncRound(client, scope, base, NOTHING, ["objectGUID"], cookie);
    cookie = round.cookie;
    if (!round.more) return cookie.toString("base64");
  }
}

/** Changes since the cookie `watermark` (null: every object, as a first DirSync returns them). */
export async function dirSyncDeltaImport(conn: LdapConnection, scope: LdapScope, watermark: string | null, options: { batchSize?: number } = {}): Promise<DeltaImport> {
  const client = await conn.bound();
  const { config } = scope;
  const batchSize = options.batchSize ?? 500;
  const base = await namingContextOf(client, config.baseDn).catch((e: unknown) => {
    throw connectivityError(e, config, "reading the root DSE");
  });
  const filter = withTombstones(scope);
  const attributes = [...new Set([...scope.attributes, ...AD_DELTA_ATTRIBUTES])];
  let cookie: Buffer = watermark ? Buffer.from(watermark, "base64") : Buffer.alloc(0);
  // The first round runs here so a refused DirSync fails the step before the engine stages anything.
  const first = await dirSyncRound(client, scope, base, filter, attributes, cookie);

  async function* changes(): AsyncGenerator<DeltaImportItem[]> {
    let round = first;
    let out: DeltaImportItem[] = [];
    for (;;) {
      try {
        out.push(...(await adChangesReread(client, scope, base, round.entries)));
      } catch (e) {
        throw connectivityError(e, config, `re-reading changed objects in ${base}`);
      }
      while (out.length >= batchSize) yield out.splice(0, batchSize);
      // The cookie moves only once the round's changes are handed over.
      cookie = round.cookie;
      if (!round.more) break;
      round = await dirSyncRound(client, scope, base, filter, attributes, cookie);
    }
    if (out.length) yield out;
  }

  return { changes: changes(), watermark: () => cookie.toString("base64") };
}
