// Full import from a directory: one paged search (Simple Paged Results control, RFC 2696) of the
// MA's subtree and filter, yielded in batches as the pages arrive (never the whole directory in
// memory; at most the page being staged and the next one, which is on its way meanwhile). Any
// failure of the search stops the import with a ConnectivityError: an import that silently stopped
// early would stage the deletion of everything it did not see.

import type { FullImportItem } from "../../engine/types.ts";
import { connectivityError, type LdapConnection } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** Every entry in scope, in batches of at most `batchSize` items. */
export async function* ldapFullImport(conn: LdapConnection, scope: LdapScope, batchSize = 500): AsyncGenerator<FullImportItem[]> {
  const { config } = scope;
  const client = await conn.bound();
  const pages = client.searchPaginated(config.baseDn, {
    scope: config.scope,
    filter: scope.filter,
    attributes: scope.attributes,
    explicitBufferAttributes: scope.buffers,
    paged: { pageSize: config.pageSize },
  });
  let batch: FullImportItem[] = [];
  // The next page is asked for as soon as one arrives: the server reads it while the engine stages
  // this one, instead of waiting for the engine to ask.
  const ask = () => {
    const p = pages.next();
    p.catch(() => undefined); // awaited below; a failure there stops the import
    return p;
  };
  let pending = ask();
  try {
    for (;;) {
      let next: IteratorResult<{ searchEntries: import("ldapts").Entry[] }>;
      try {
        next = await pending;
      } catch (e) {
        throw connectivityError(e, config, `paged search of ${config.baseDn} with ${scope.filter}`);
      }
      if (next.done) break;
      pending = ask();
      for (const entry of next.value.searchEntries) {
        batch.push(scope.toItem(entry));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  } finally {
    await pages.return(undefined).catch(() => undefined);
  }
}
