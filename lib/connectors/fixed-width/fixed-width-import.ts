// Reading a fixed-width file: records (rows grouped in `rows` mode), full and delta import, schema
// (from the declared columns; no file needed) and the Designer's preview.

import type { DeltaImport } from "../../engine/connector.ts";
import type { ConnectorSchema, FullImportItem } from "../../engine/types.ts";
import { firstItems, type FilePreview } from "../file-common/file-connector-type.ts";
import { DEFAULT_BATCH_SIZE, type ParsedItem } from "../file-common/file-records.ts";
import { readLines } from "../file-common/line-reader.ts";
import { fileDeltaImport, fullImportBatches, type RecordMapping } from "../file-common/record-import.ts";
import { RowGrouper } from "../file-common/row-groups.ts";
import type { FixedWidthConfig } from "./fixed-width-config.ts";
import { FixedWidthLayout } from "./fixed-width-layout.ts";

/** Streams the records of the file; blank lines are skipped; `keepRaw` keeps each line's text. */
export async function* readFixedWidthRecords(config: FixedWidthConfig, keepRaw = false): AsyncGenerator<ParsedItem> {
  const layout = new FixedWidthLayout(config);
  const grouper = config.multiValueMode === "rows" ? new RowGrouper(config.anchor, new Set(config.multiValued), "fixed-width") : null;
  for await (const { text, line } of readLines(config.path, config.encoding, "fixed-width file")) {
    if (text.trim() === "") continue;
    let item = layout.parse(text, line, keepRaw ? [text] : undefined);
    if (item.kind === "record" && text.includes("\ufffd") && config.encoding !== "latin1") {
      item = { kind: "failure", code: "fixed-width-bad-encoding", reason: `the line is not valid ${config.encoding} (check the encoding setting)`, line, raw: item.raw };
    }
    if (grouper) yield* grouper.push(item);
    else yield item;
  }
  if (grouper) yield* grouper.end();
}

/** How records of this config map to objects. */
export function fixedWidthMapping(config: FixedWidthConfig): RecordMapping {
  return { file: config.path, codePrefix: "fixed-width", anchor: config.anchor, dnTemplate: config.dnTemplate, changeTypeAttribute: config.changeTypeColumn };
}

/** Streams every record as batches of import items (delete records of a change file left out). */
export function fixedWidthFullImport(config: FixedWidthConfig, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<FullImportItem[]> {
  return fullImportBatches(readFixedWidthRecords(config), fixedWidthMapping(config), batchSize);
}

/** The records of a change file (changeTypeColumn) as delta changes. */
export function fixedWidthDeltaImport(config: FixedWidthConfig, watermark: string | null, batchSize = DEFAULT_BATCH_SIZE): Promise<DeltaImport> {
  return fileDeltaImport(() => readFixedWidthRecords(config), fixedWidthMapping(config), watermark, batchSize);
}

/** The declared columns as attributes of each record type's object type. */
export async function fixedWidthDiscoverSchema(config: FixedWidthConfig): Promise<ConnectorSchema> {
  const multi = new Set(config.multiValued);
  const refs = new Set(config.referenceColumns);
  return {
    objectTypes: new FixedWidthLayout(config).types().map((t) => ({
      name: t.objectType,
      anchor: [config.anchor],
      attributes: t.columns
        .filter((c) => c.name !== config.changeTypeColumn)
        .map((c) => ({ name: c.name, type: refs.has(c.name) ? "reference" : "string", multiValued: multi.has(c.name) })),
    })),
  };
}

/** The MA Designer's sample preview: the column names and the first `rows` records as read. */
export async function previewFixedWidth(config: FixedWidthConfig, rows = 5): Promise<FilePreview> {
  const columns = [...new Set([...config.columns].sort((a, b) => a.start - b.start).map((c) => c.name))];
  return { columns, items: await firstItems(fixedWidthFullImport(config, rows), rows) };
}
