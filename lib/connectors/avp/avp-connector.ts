// The `avp` connector type: attribute-value pair text (`name: value` records) as a connected
// system. Delta import with a change-type attribute (see docs/connectors/file-connectors.md), export by
// atomic rewrite, no passwords.

import type { Connector } from "../../engine/connector.ts";
import type { FileConnectorType } from "../file-common/file-connector-type.ts";
import { fileWatermark } from "../file-common/record-import.ts";
import { testFileConnection } from "../file-common/text-file.ts";
import { avpConfigFields, avpConfigSchema, type AvpConfig } from "./avp-config.ts";
import { openAvpExport } from "./avp-export.ts";
import { avpDeltaImport, avpDiscoverSchema, avpFullImport, previewAvp } from "./avp-import.ts";

/** Opens one use of an AVP MA; deltaImport exists only with a change-type attribute. */
function createAvpConnector(config: AvpConfig): Connector {
  const connector: Connector = {
    testConnection: () => testFileConnection(config.path),
    discoverSchema: () => avpDiscoverSchema(config),
    fullImport: (options) => avpFullImport(config, options?.batchSize),
    openExport: () => openAvpExport(config),
    close: async () => undefined,
  };
  if (config.changeTypeAttribute) {
    connector.deltaImport = (watermark, options) => avpDeltaImport(config, watermark, options?.batchSize);
    connector.currentWatermark = () => fileWatermark(config.path);
  }
  return connector;
}

/** The `avp` connector type (settings: avp-config.ts). */
export const avpConnectorType: FileConnectorType<AvpConfig> = {
  type: "avp",
  label: "Attribute-value pair text file",
  // Static per type: deltas need a change-type attribute, which is per MA (see createAvpConnector).
  capabilities: { supportsDelta: false, supportsExport: true, supportsPassword: false },
  configSchema: avpConfigSchema,
  fields: avpConfigFields,
  create: createAvpConnector,
  preview: previewAvp,
};

export { previewAvp };
