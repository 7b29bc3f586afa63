// Delta import from Active Directory by update sequence number: every write on a domain controller
// gets the next USN of that DC, kept in the object's uSNChanged, and the root DSE's
// highestCommittedUSN is the newest. The watermark is "<usn>@<dnsHostName>": USNs are the DC's own,
// so a watermark from another DC (a load-balanced name) is refused, and a full import starts over.
// One paged search of the naming context asks for (uSNChanged>=usn+1) with the Show Deleted control,
// so deletes come back as tombstones (isDeleted: TRUE, under CN=Deleted Objects, their
// lastKnownParent saying where they were) and moves out of the subtree are seen too
// (ldap-delta-ad.ts). Reading tombstones needs the right to list CN=Deleted Objects (domain admins
// have it); without it deletes are seen by the next full import only.

import type { Client, Entry } from "ldapts";
import { ConnectivityError, type DeltaImport } from "../../engine/connector.ts";
import type { DeltaImportItem } from "../../engine/types.ts";
import { connectivityError, describeLdapError, isConnectionFailure, type LdapConnection } from "./ldap-client.ts";
import { SHOW_DELETED } from "./ldap-ad-controls.ts";
import { eachPage, inBatches, pagedEntries } from "./ldap-paged-search.ts";
import { AD_DELTA_ATTRIBUTES, adBuffers, adChangesOf, namingContextOf, withTombstones } from "./ldap-delta-ad.ts";
import type { LdapScope } from "./ldap-scope.ts";

interface UsnMark {
  usn: number;
  server: string;
}

/** "12345@dc1.example.com" -> { usn, server }; a bad watermark fails the step (a full import makes a good one). */
function parseMark(scope: LdapScope, watermark: string): UsnMark {
  const m = /^(\d+)@(.+)$/.exec(watermark);
  if (!m) throw new ConnectivityError("ldap-usn-bad-watermark", `LDAP ${scope.config.url}: the watermark "${watermark}" is not a USN watermark (usn@server): run a full import`);
  return { usn: Number(m[1]), server: m[2]! };
}

/** The DC's highestCommittedUSN and its DNS host name. */
async function serverMark(client: Client, scope: LdapScope): Promise<UsnMark> {
  let entry: Entry | undefined;
  try {
    ({ searchEntries: [entry] } = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["highestCommittedUSN", "dnsHostName"] }));
  } catch (e) {
    throw connectivityError(e, scope.config, "reading highestCommittedUSN from the root DSE");
  }
  const usn = Number(entry?.highestCommittedUSN);
  if (!entry || !Number.isSafeInteger(usn)) throw new ConnectivityError("ldap-usn-unsupported", `LDAP ${scope.config.url}: the root DSE has no highestCommittedUSN: the usn delta method needs Active Directory`);
  return { usn, server: String(entry.dnsHostName ?? new URL(scope.config.url).hostname).toLowerCase() };
}

/** The DC's USN of now (taken before a full import). */
export async function currentUsnWatermark(conn: LdapConnection, scope: LdapScope): Promise<string | null> {
  const mark = await serverMark(await conn.bound(), scope);
  return `${mark.usn}@${mark.server}`;
}

/** Objects changed on this DC after the watermark's USN (null: after USN 0, i.e. everything). */
export async function usnDeltaImport(conn: LdapConnection, scope: LdapScope, watermark: string | null, options: { batchSize?: number } = {}): Promise<DeltaImport> {
  const client = await conn.bound();
  const { config } = scope;
  const batchSize = options.batchSize ?? 500;
  const now = await serverMark(client, scope);
  const since = watermark ? parseMark(scope, watermark) : { usn: 0, server: now.server };
  if (since.server !== now.server) {
    throw new ConnectivityError("ldap-usn-other-server", `LDAP ${config.url}: the watermark is a USN of ${since.server} but this connection reached ${now.server}; USNs are each DC's own: point the MA at one DC and run a full import`);
  }
  const base = await namingContextOf(client, config.baseDn).catch((e: unknown) => {
    throw connectivityError(e, config, "reading the root DSE");
  });
  // Changes after `now` may be read too; the next delta import reads them again, which changes nothing.
  const filter = `(&${withTombstones(scope)}(uSNChanged>=${since.usn + 1}))`;
  const attributes = [...new Set([...scope.attributes, ...AD_DELTA_ATTRIBUTES])];

  async function* changes(): AsyncGenerator<DeltaImportItem[]> {
    const pages = client.searchPaginated(base, { scope: "sub", filter, attributes, explicitBufferAttributes: adBuffers(scope), paged: { pageSize: config.pageSize } }, SHOW_DELETED);
    const entries = pagedEntries(pages, (e) => {
      if (isConnectionFailure(e)) return connectivityError(e, config, `searching ${base} for uSNChanged>=${since.usn + 1}`);
      return new ConnectivityError("ldap-usn-search-refused", `LDAP ${config.url}: the search of ${base} for uSNChanged>=${since.usn + 1} with deleted objects was refused: ${describeLdapError(e)}`, { cause: e });
    });
    yield* inBatches(eachPage(entries, (page) => adChangesOf(scope, page)), batchSize);
  }

  return { changes: changes(), watermark: () => `${now.usn}@${now.server}` };
}
