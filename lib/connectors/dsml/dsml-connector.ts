// The DSML v2 connector type: a searchResponse document as a connected system. Imports stream the
// XML (saxes); exports rewrite the entries file atomically and can write their changes as a
// batchRequest. No native deltas: the engine compares each full import with the connector space.

import type { Connector, ConnectorType } from "../../engine/connector.ts";
import { openEntryExport } from "../ldif/entry-export.ts";
import { fileExists, testFiles } from "../ldif/entry-files.ts";
import { EntryMapping } from "../ldif/entry-mapping.ts";
import { discoverEntrySchema } from "../ldif/entry-schema.ts";
import { dsmlConfigFields, dsmlConfigSchema, type DsmlConfig } from "./dsml-config.ts";
import { dsmlFullImport, dsmlImportItems } from "./dsml-import.ts";
import { DSML_REQUEST_FOOTER, DSML_REQUEST_HEADER, DSML_RESPONSE_FOOTER, DSML_RESPONSE_HEADER, dsmlEntry, dsmlRequest } from "./dsml-writer.ts";

/** Opens one use of a DSML MA. Each import and export owns its file handles, so close() has nothing to do. */
function createDsmlConnector(config: DsmlConfig): Connector {
  const mapping = new EntryMapping(config);
  return {
    testConnection: () => testFiles([config.path, ...(config.changesPath ? [config.changesPath] : [])], "DSML"),
    discoverSchema: async () => discoverEntrySchema((await fileExists(config.path)) ? dsmlImportItems(config) : null, mapping),
    fullImport: (options) => dsmlFullImport(config, options?.batchSize),
    openExport: () =>
      openEntryExport({
        label: "DSML",
        prefix: "dsml",
        mapping,
        path: config.path,
        changesPath: config.changesPath,
        readItems: () => dsmlImportItems(config),
        entries: { header: DSML_RESPONSE_HEADER, entry: (e) => dsmlEntry(e, mapping), footer: DSML_RESPONSE_FOOTER },
        changes: { header: DSML_REQUEST_HEADER, change: (c) => dsmlRequest(c, mapping), footer: DSML_REQUEST_FOOTER },
      }),
    close: async () => undefined,
  };
}

/** The `dsml` connector type (see dsml-config.ts for its settings). */
export const dsmlConnectorType: ConnectorType<DsmlConfig> = {
  type: "dsml",
  label: "Directory Services Markup Language (DSML v2)",
  capabilities: { supportsDelta: false, supportsExport: true, supportsPassword: false },
  configSchema: dsmlConfigSchema,
  fields: dsmlConfigFields,
  create: createDsmlConnector,
};
