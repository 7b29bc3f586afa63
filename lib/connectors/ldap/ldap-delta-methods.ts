// The delta import methods of the LDAP connector, by the config's `deltaMethod`: each knows where
// its server family logs changes and what its watermark is. Adding a method is one entry here
// (plus its name in LDAP_DELTA_METHODS, ldap-config.ts).

import type { DeltaImport, DeltaImportOptions } from "../../engine/connector.ts";
import type { LdapConnection } from "./ldap-client.ts";
import type { LdapDeltaMethodName } from "./ldap-config.ts";
import { currentAccesslogWatermark, ldapDeltaImport } from "./ldap-delta.ts";
import { changelogDeltaImport, currentChangelogWatermark } from "./ldap-delta-changelog.ts";
import { currentTimestampWatermark, timestampDeltaImport } from "./ldap-delta-timestamp.ts";
import { currentDirSyncWatermark, dirSyncDeltaImport } from "./ldap-delta-dirsync.ts";
import { currentUsnWatermark, usnDeltaImport } from "./ldap-delta-usn.ts";
import type { LdapScope } from "./ldap-scope.ts";

export interface LdapDeltaMethod {
  /** the changes since `watermark` (null: everything the server's log holds). */
  deltaImport(conn: LdapConnection, scope: LdapScope, watermark: string | null, options: DeltaImportOptions): Promise<DeltaImport>;
  /** the watermark of now, taken before a full import; null when the server offers none (delta imports then say why). */
  currentWatermark(conn: LdapConnection, scope: LdapScope): Promise<string | null>;
}

export const LDAP_DELTA: Record<LdapDeltaMethodName, LdapDeltaMethod> = {
  accesslog: { deltaImport: (conn, scope, watermark, options) => ldapDeltaImport(conn, scope, watermark, options.batchSize), currentWatermark: currentAccesslogWatermark },
  changelog: { deltaImport: changelogDeltaImport, currentWatermark: currentChangelogWatermark },
  modifyTimestamp: { deltaImport: timestampDeltaImport, currentWatermark: currentTimestampWatermark },
  dirsync: { deltaImport: dirSyncDeltaImport, currentWatermark: currentDirSyncWatermark },
  usn: { deltaImport: usnDeltaImport, currentWatermark: currentUsnWatermark },
};
