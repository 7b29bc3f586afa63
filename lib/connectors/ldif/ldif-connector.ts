// The LDIF connector type (RFC 2849): an entries file as a connected system. Full imports read the
// entries file, delta imports a change-record file (fingerprinted so it is applied once), exports
// rewrite the entries file atomically and can write their changes as records for ldapmodify.

import type { Connector, ConnectorType } from "../../engine/connector.ts";
import { openEntryExport } from "./entry-export.ts";
import { fileExists, fileFingerprint, testFiles } from "./entry-files.ts";
import { EntryMapping } from "./entry-mapping.ts";
import { discoverEntrySchema } from "./entry-schema.ts";
import { ldifConfigFields, ldifConfigSchema, type LdifConfig } from "./ldif-config.ts";
import { ldifDeltaImport } from "./ldif-delta.ts";
import { ldifFullImport, ldifImportItems } from "./ldif-import.ts";
import { LDIF_HEADER, ldifChange, ldifEntry } from "./ldif-writer.ts";

/** Opens one use of an LDIF MA. Each import and export owns its file handles, so close() has nothing to do. */
function createLdifConnector(config: LdifConfig): Connector {
  const mapping = new EntryMapping(config);
  const deltaPath = config.deltaPath ?? config.path;
  return {
    testConnection: () => testFiles([...new Set([config.path, deltaPath, ...(config.changesPath ? [config.changesPath] : [])])], "LDIF"),
    discoverSchema: async () => discoverEntrySchema((await fileExists(config.path)) ? ldifImportItems(config) : null, mapping),
    fullImport: (options) => ldifFullImport(config, options?.batchSize),
    deltaImport: (watermark, options) => ldifDeltaImport(config, watermark, options?.batchSize),
    // A full import of the file the delta imports read covers it: the next delta starts after it.
    // A separate change file is left to the next delta import (applying a change twice is harmless, missing one is not).
    currentWatermark: async () => (deltaPath === config.path ? fileFingerprint(config.path) : null),
    openExport: () =>
      openEntryExport({
        label: "LDIF",
        prefix: "ldif",
        mapping,
        path: config.path,
        changesPath: config.changesPath,
        readItems: () => ldifImportItems(config),
        entries: { header: LDIF_HEADER, entry: (e) => ldifEntry(e, mapping), footer: "" },
        changes: { header: LDIF_HEADER, change: (c) => ldifChange(c, mapping), footer: "" },
      }),
    close: async () => undefined,
  };
}

/** The `ldif` connector type (see ldif-config.ts for its settings). */
export const ldifConnectorType: ConnectorType<LdifConfig> = {
  type: "ldif",
  label: "LDAP Data Interchange Format (LDIF)",
  capabilities: { supportsDelta: true, supportsExport: true, supportsPassword: false },
  configSchema: ldifConfigSchema,
  fields: ldifConfigFields,
  create: createLdifConnector,
};
