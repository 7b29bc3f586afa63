// Full import from a directory: one paged search of the MA's subtree and filter, yielded in batches
// as the pages arrive (never the whole directory in memory; at most the page being staged and the
// next one, which is on its way meanwhile). Any failure of the search stops the import with a
// ConnectivityError: an import that silently stopped early would stage the deletion of everything
// it did not see.

import type { FullImportItem } from "../../engine/types.ts";
import { connectivityError, type LdapConnection } from "./ldap-client.ts";
import { eachPage, inBatches, pagedEntries } from "./ldap-paged-search.ts";
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
  const entries = pagedEntries(pages, (e) => connectivityError(e, config, `paged search of ${config.baseDn} with ${scope.filter}`));
  yield* inBatches(eachPage(entries, (page) => page.map((entry) => scope.toItem(entry))), batchSize);
}
