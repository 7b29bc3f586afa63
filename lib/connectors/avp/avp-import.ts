// Full and delta import, schema discovery and preview of an AVP file.

import { ConnectivityError, type DeltaImport } from "../../engine/connector.ts";
import type { ConnectorSchema, FullImportItem } from "../../engine/types.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import { firstItems, type FilePreview } from "../file-common/file-connector-type.ts";
import { DEFAULT_BATCH_SIZE } from "../file-common/file-records.ts";
import { fileDeltaImport, fullImportBatches, type RecordMapping } from "../file-common/record-import.ts";
import { fileExists } from "../file-common/text-file.ts";
import type { AvpConfig } from "./avp-config.ts";
import { readAvpRecords } from "./avp-records.ts";

/** How records of this config map to objects. */
export function avpMapping(config: AvpConfig): RecordMapping {
  return { file: config.path, codePrefix: "avp", anchor: config.anchor, dnTemplate: config.dnTemplate, changeTypeAttribute: config.changeTypeAttribute };
}

/** Streams every record as batches of import items (delete records of a change file left out). */
export function avpFullImport(config: AvpConfig, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<FullImportItem[]> {
  return fullImportBatches(readAvpRecords(config), avpMapping(config), batchSize);
}

/** The records of a change file (changeTypeAttribute) as delta changes. */
export function avpDeltaImport(config: AvpConfig, watermark: string | null, batchSize = DEFAULT_BATCH_SIZE): Promise<DeltaImport> {
  return fileDeltaImport(() => readAvpRecords(config), avpMapping(config), watermark, batchSize);
}

/** Records sampled by discoverSchema. */
const SCHEMA_SAMPLE_RECORDS = 500;

interface Sample {
  /** object type -> attribute name -> multi-valued */
  types: Map<string, Map<string, boolean>>;
}

async function sample(config: AvpConfig, limit: number): Promise<Sample> {
  const types = new Map<string, Map<string, boolean>>();
  let n = 0;
  try {
    for await (const item of readAvpRecords(config)) {
      if (item.kind !== "record") continue;
      const attrs = types.get(item.objectType) ?? new Map<string, boolean>();
      types.set(item.objectType, attrs);
      for (const [name, values] of Object.entries(item.attrs)) attrs.set(name, (attrs.get(name) ?? false) || values.length > 1);
      if (++n >= limit) break;
    }
  } catch (e) {
    if (!(e instanceof ConnectivityError && e.code === "file-not-found" && !(await fileExists(config.path)))) throw e;
  }
  return { types };
}

/**
 * Attributes seen in the first records (plus the configured ones), per object type; an attribute is
 * multi-valued when configured so or seen repeated. Before the file exists: the configured names.
 */
export async function avpDiscoverSchema(config: AvpConfig): Promise<ConnectorSchema> {
  const { types } = await sample(config, SCHEMA_SAMPLE_RECORDS);
  if (types.size === 0) types.set(config.objectType, new Map());
  const multi = new Set(config.multiValued);
  const refs = new Set(config.referenceAttributes);
  const configured = [config.anchor, ...(config.objectTypeAttribute ? [config.objectTypeAttribute] : []), ...templateAttributes(config.dnTemplate), ...config.multiValued, ...config.referenceAttributes];
  return {
    objectTypes: [...types].map(([name, seen]) => {
      for (const n of configured) if (!seen.has(n)) seen.set(n, false);
      seen.delete(config.changeTypeAttribute ?? "");
      return {
        name,
        anchor: [config.anchor],
        attributes: [...seen].map(([attr, repeated]) => ({ name: attr, type: refs.has(attr) ? "reference" : "string", multiValued: repeated || multi.has(attr) })),
      };
    }),
  };
}

/** The MA Designer's sample preview: attribute names of the first records and the records as read. */
export async function previewAvp(config: AvpConfig, rows = 5): Promise<FilePreview> {
  const { types } = await sample(config, rows);
  const columns = [...new Set([...types.values()].flatMap((m) => [...m.keys()]))];
  return { columns, items: await firstItems(avpFullImport(config, rows), rows) };
}
