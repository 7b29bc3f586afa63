// The `fixed-width` connector type: columns at declared positions (mainframe and payroll
// extracts), several object types by a record-type code. Delta import with a change-type column
// (see docs/connectors/file-connectors.md), export by atomic rewrite, no passwords.

import type { Connector } from "../../engine/connector.ts";
import type { FileConnectorType } from "../file-common/file-connector-type.ts";
import { fileWatermark } from "../file-common/record-import.ts";
import { testFileConnection } from "../file-common/text-file.ts";
import { fixedWidthConfigFields, fixedWidthConfigSchema, type FixedWidthConfig } from "./fixed-width-config.ts";
import { openFixedWidthExport } from "./fixed-width-export.ts";
import { fixedWidthDeltaImport, fixedWidthDiscoverSchema, fixedWidthFullImport, previewFixedWidth } from "./fixed-width-import.ts";

/** Opens one use of a fixed-width MA; deltaImport exists only with a change-type column. */
function createFixedWidthConnector(config: FixedWidthConfig): Connector {
  const connector: Connector = {
    testConnection: () => testFileConnection(config.path),
    discoverSchema: () => fixedWidthDiscoverSchema(config),
    fullImport: (options) => fixedWidthFullImport(config, options?.batchSize),
    openExport: () => openFixedWidthExport(config),
    close: async () => undefined,
  };
  if (config.changeTypeColumn) {
    connector.deltaImport = (watermark, options) => fixedWidthDeltaImport(config, watermark, options?.batchSize);
    connector.currentWatermark = () => fileWatermark(config.path);
  }
  return connector;
}

/** The `fixed-width` connector type (settings: fixed-width-config.ts). */
export const fixedWidthConnectorType: FileConnectorType<FixedWidthConfig> = {
  type: "fixed-width",
  label: "Fixed-width text file",
  // Static per type: deltas need a change-type column, which is per MA (see createFixedWidthConnector).
  capabilities: { supportsDelta: false, supportsExport: true, supportsPassword: false },
  configSchema: fixedWidthConfigSchema,
  fields: fixedWidthConfigFields,
  create: createFixedWidthConnector,
  preview: previewFixedWidth,
};

export { previewFixedWidth };
