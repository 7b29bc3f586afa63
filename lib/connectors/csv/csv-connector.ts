// The CSV connector type: an HR export or any flat file as a connected system. No deltas (the engine
// compares each full import with the connector space), export by atomic rewrite, no passwords.

import { access, constants, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { ConnectivityError, type Connector, type ConnectorType } from "../../engine/connector.ts";
import { csvConfigFields, csvConfigSchema, type CsvConfig } from "./csv-config.ts";
import { openCsvExport } from "./csv-export.ts";
import { csvDiscoverSchema, csvFullImport } from "./csv-import.ts";

/**
 * Checks that the file's directory exists and is readable, and that the file, when present, is a
 * readable file. A missing file is fine: an export-only MA creates it on its first export.
 */
async function testCsvConnection(config: CsvConfig): Promise<void> {
  const dir = dirname(config.path);
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new ConnectivityError("directory-not-found", `${dir} (the folder of ${config.path}) is not a directory`);
    await access(dir, constants.R_OK | constants.X_OK);
  } catch (e) {
    if (e instanceof ConnectivityError) throw e;
    throw new ConnectivityError("directory-not-found", `the folder of ${config.path} does not exist or is not readable`, { cause: e });
  }
  let file;
  try {
    file = await stat(config.path);
  } catch {
    return;
  }
  if (!file.isFile()) throw new ConnectivityError("file-not-found", `${config.path} is not a regular file`);
  try {
    await access(config.path, constants.R_OK);
  } catch (e) {
    throw new ConnectivityError("file-not-found", `${config.path} is not readable`, { cause: e });
  }
}

/** Opens one use of a CSV MA. Each import and export owns its file handles, so close() has nothing to do. */
function createCsvConnector(config: CsvConfig): Connector {
  return {
    testConnection: () => testCsvConnection(config),
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
