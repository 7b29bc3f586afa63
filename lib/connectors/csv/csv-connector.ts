// The CSV connector type: an HR export or any flat file as a connected system. No deltas (the engine
// compares each full import with the connector space), export by atomic rewrite, no passwords.

import type { Connector, ConnectorType } from "../../engine/connector.ts";
import { testFileConnection } from "../file-common/text-file.ts";
import { csvConfigFields, csvConfigSchema, type CsvConfig } from "./csv-config.ts";
import { openCsvExport } from "./csv-export.ts";
import { csvDiscoverSchema, csvFullImport } from "./csv-import.ts";

/** Opens one use of a CSV MA. Each import and export owns its file handles, so close() has nothing to do. */
function createCsvConnector(config: CsvConfig): Connector {
  return {
    testConnection: () => testFileConnection(config.path),
    discoverSchema: () => csvDiscoverSchema(config),
    fullImport: (options) => csvFullImport(config, options?.batchSize),
    openExport: () => openCsvExport(config),
    close: async () => undefined,
  };
}

/** The `csv` connector type (see csv-config.ts for its settings). */
export const csvConnectorType: ConnectorType<CsvConfig> = {
  type: "csv",
  label: "Delimited text file (CSV)",
  capabilities: { supportsDelta: false, supportsExport: true, supportsPassword: false },
  configSchema: csvConfigSchema,
  fields: csvConfigFields,
  create: createCsvConnector,
};
