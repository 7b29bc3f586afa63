// The `delimited` connector type: delimited text of any syntax (delimiter, qualifier, escape rule,
// header or declared columns, encodings) as a connected system. Delta import when the file has a
// change-type column (see docs/connectors/file-connectors.md), export by atomic rewrite, no passwords.

import type { Connector } from "../../engine/connector.ts";
import type { FileConnectorType } from "../file-common/file-connector-type.ts";
import { fileWatermark } from "../file-common/record-import.ts";
import { testFileConnection } from "../file-common/text-file.ts";
import { delimitedConfigFields, delimitedConfigSchema, type DelimitedConfig } from "./delimited-config.ts";
import { openDelimitedExport } from "./delimited-export.ts";
import { delimitedDeltaImport, delimitedDiscoverSchema, delimitedFullImport, previewDelimited } from "./delimited-import.ts";

/**
 * Opens one use of a delimited MA. deltaImport exists only with a change-type column; without one
 * the engine runs a delta import as a full import compared against the connector space.
 */
function createDelimitedConnector(config: DelimitedConfig): Connector {
  const connector: Connector = {
    testConnection: () => testFileConnection(config.path),
    discoverSchema: () => delimitedDiscoverSchema(config),
    fullImport: (options) => delimitedFullImport(config, options?.batchSize),
    openExport: () => openDelimitedExport(config),
    close: async () => undefined,
  };
  if (config.changeTypeColumn) {
    connector.deltaImport = (watermark, options) => delimitedDeltaImport(config, watermark, options?.batchSize);
    connector.currentWatermark = () => fileWatermark(config.path);
  }
  return connector;
}

/** The `delimited` connector type (settings: delimited-config.ts). */
export const delimitedConnectorType: FileConnectorType<DelimitedConfig> = {
  type: "delimited",
  label: "Delimited text file",
  // Static per type: deltas need a change-type column, which is per MA (see createDelimitedConnector).
  capabilities: { supportsDelta: false, supportsExport: true, supportsPassword: false },
  configSchema: delimitedConfigSchema,
  fields: delimitedConfigFields,
  create: createDelimitedConnector,
  preview: previewDelimited,
};

export { previewDelimited };
