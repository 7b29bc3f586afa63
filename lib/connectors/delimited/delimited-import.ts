// Full import, delta import, schema discovery and preview of a delimited file.

import { ConnectivityError, type DeltaImport } from "../../engine/connector.ts";
import type { ConnectorSchema, FullImportItem, ObjectTypeSchema } from "../../engine/types.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import { firstItems, type FilePreview } from "../file-common/file-connector-type.ts";
import { DEFAULT_BATCH_SIZE, type ParsedItem } from "../file-common/file-records.ts";
import { fileDeltaImport, fullImportBatches, type RecordMapping } from "../file-common/record-import.ts";
import { fileExists } from "../file-common/text-file.ts";
import type { DelimitedConfig } from "./delimited-config.ts";
import { readDelimitedRecords } from "./delimited-records.ts";

/** How records of this config map to objects. */
export function delimitedMapping(config: DelimitedConfig): RecordMapping {
  return { file: config.path, codePrefix: "delimited", anchor: config.anchor, dnTemplate: config.dnTemplate, changeTypeAttribute: config.changeTypeColumn };
}

async function* records(config: DelimitedConfig): AsyncGenerator<ParsedItem> {
  for await (const item of readDelimitedRecords(config)) if (item.kind !== "layout") yield item;
}

/** Streams every record as batches of import items (delete rows of a change file are left out). */
export function delimitedFullImport(config: DelimitedConfig, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<FullImportItem[]> {
  return fullImportBatches(records(config), delimitedMapping(config), batchSize);
}

/** The rows of a change file (changeTypeColumn) as delta changes. */
export function delimitedDeltaImport(config: DelimitedConfig, watermark: string | null, batchSize = DEFAULT_BATCH_SIZE): Promise<DeltaImport> {
  return fileDeltaImport(() => records(config), delimitedMapping(config), watermark, batchSize);
}

/** Rows sampled by discoverSchema to find the object types named by objectTypeColumn. */
const SCHEMA_SAMPLE_ROWS = 200;

function objectTypeSchema(config: DelimitedConfig, name: string, columns: string[]): ObjectTypeSchema {
  const multi = new Set(config.multiValued);
  const refs = new Set(config.referenceColumns);
  return {
    name,
    anchor: [config.anchor],
    attributes: columns.filter((c) => c !== config.changeTypeColumn).map((c) => ({ name: c, type: refs.has(c) ? "reference" : "string", multiValued: multi.has(c) })),
  };
}

/** Columns of the file (or of the config, before the file exists). */
async function discoverColumns(config: DelimitedConfig, types: Set<string> | null): Promise<string[]> {
  let columns: string[] | undefined;
  let sampled = 0;
  try {
    for await (const item of readDelimitedRecords(config)) {
      if (item.kind === "layout") {
        columns = item.layout.columns;
        if (!types || !config.objectTypeColumn) break;
      } else if (item.kind === "record") {
        types!.add(item.objectType);
        if (++sampled >= SCHEMA_SAMPLE_ROWS) break;
      }
    }
  } catch (e) {
    if (!(e instanceof ConnectivityError && e.code === "file-not-found" && !(await fileExists(config.path)))) throw e;
  }
  return columns ?? [...new Set([config.anchor, ...(config.objectTypeColumn ? [config.objectTypeColumn] : []), ...templateAttributes(config.dnTemplate), ...config.multiValued, ...config.referenceColumns])];
}

/** The columns as attributes of the object type(s) found in the first rows. */
export async function delimitedDiscoverSchema(config: DelimitedConfig): Promise<ConnectorSchema> {
  const types = new Set<string>();
  const columns = await discoverColumns(config, types);
  if (types.size === 0) types.add(config.objectType);
  return { objectTypes: [...types].map((t) => objectTypeSchema(config, t, columns)) };
}

/** The MA Designer's sample preview: the columns and the first `rows` records as read. */
export async function previewDelimited(config: DelimitedConfig, rows = 5): Promise<FilePreview> {
  const columns = await discoverColumns(config, null);
  return { columns, items: await firstItems(delimitedFullImport(config, rows), rows) };
}
