// Full import and schema discovery of a CSV file. Every record becomes an object or an
// ImportRecordError naming file and line; only an unusable file, header or quoting stops the import.

import { ConnectivityError } from "../../engine/connector.ts";
import type { ConnectorSchema, FullImportItem, ImportRecordError, ObjectTypeSchema } from "../../engine/types.ts";
import { DEFAULT_BATCH_SIZE, inBatches } from "../file-common/file-records.ts";
import { fileExists } from "../file-common/text-file.ts";
import { buildRecordDn, templateAttributes } from "../shared/dn-template.ts";
import type { CsvConfig } from "./csv-config.ts";
import { readCsv, type CsvItem } from "./csv-reader.ts";
import { CsvLayout } from "./csv-rows.ts";

function rowError(code: string, message: string, file: string, line: number, anchor?: string): ImportRecordError {
  return { kind: "error", code, message: `${file}:${line}: ${message}`, anchor, source: { file, line } };
}

/** Turns the records after the header into import items, tracking anchors for duplicates. */
export class CsvRowReader {
  /** anchor -> line of its first row; kept for the whole file to catch duplicates anywhere. */
  private readonly anchors = new Map<string, number>();

  constructor(
    private readonly layout: CsvLayout,
    private readonly file: string,
  ) {}

  read(item: CsvItem): FullImportItem {
    const { layout, file } = this;
    if (item.fields.length !== layout.columns.length) {
      return rowError(
        "csv-bad-row",
        `the row has ${item.fields.length} fields but the header has ${layout.columns.length}`,
        file,
        item.line,
      );
    }
    const attrs = layout.toAttrs(item.fields);
    const anchor = attrs[layout.config.anchor]?.[0];
    if (anchor === undefined) {
      return rowError("csv-missing-anchor", `the anchor column "${layout.config.anchor}" is empty`, file, item.line);
    }
    const first = this.anchors.get(anchor);
    if (first !== undefined) {
      return rowError("csv-duplicate-anchor", `anchor "${anchor}" was already used on line ${first}`, file, item.line, anchor);
    }
    this.anchors.set(anchor, item.line);
    const dn = buildRecordDn(layout.config.dnTemplate, attrs, anchor);
    if ("missing" in dn) {
      return rowError("csv-bad-row", `column "${dn.missing}" of the DN template is empty`, file, item.line, anchor);
    }
    return {
      kind: "object",
      object: { anchor, dn: dn.dn, objectType: layout.objectTypeOf(attrs), attrs, source: { file, line: item.line } },
    };
  }
}

/** The rows after the header as import items. */
async function* csvItems(config: CsvConfig): AsyncGenerator<FullImportItem> {
  let rows: CsvRowReader | undefined;
  for await (const item of readCsv(config.path, config)) {
    if (!rows) rows = new CsvRowReader(CsvLayout.fromHeader(config, item.fields, config.path, item.line), config.path);
    else yield rows.read(item);
  }
}

/** Streams the file as batches of import items. */
export function csvFullImport(config: CsvConfig, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<FullImportItem[]> {
  return inBatches(csvItems(config), batchSize);
}

/** Rows sampled by discoverSchema to find the object types named by objectTypeColumn. */
const SCHEMA_SAMPLE_ROWS = 200;

function objectTypeSchema(config: CsvConfig, name: string, columns: string[]): ObjectTypeSchema {
  const multi = new Set(config.multiValued);
  const refs = new Set(config.referenceColumns);
  return {
    name,
    anchor: [config.anchor],
    attributes: columns.map((c) => ({ name: c, type: refs.has(c) ? "reference" : "string", multiValued: multi.has(c) })),
  };
}

/**
 * The header's columns as attributes of the object type(s). Without a file yet (an export-only MA
 * before its first export) the schema is what the config names: anchor, template and listed columns.
 */
export async function csvDiscoverSchema(config: CsvConfig): Promise<ConnectorSchema> {
  let columns: string[] | undefined;
  const types = new Set<string>();
  let sampled = 0;
  try {
    for await (const item of readCsv(config.path, config)) {
      if (!columns) {
        columns = CsvLayout.fromHeader(config, item.fields, config.path, item.line).columns;
        if (!config.objectTypeColumn) break;
        continue;
      }
      const value = item.fields[columns.indexOf(config.objectTypeColumn!)];
      types.add(value || config.objectType);
      if (++sampled >= SCHEMA_SAMPLE_ROWS) break;
    }
  } catch (e) {
    if (!(e instanceof ConnectivityError && e.code === "file-not-found" && !(await fileExists(config.path)))) throw e;
  }
  if (!columns) {
    columns = [
      ...new Set([
        config.anchor,
        ...(config.objectTypeColumn ? [config.objectTypeColumn] : []),
        ...templateAttributes(config.dnTemplate),
        ...config.multiValued,
        ...config.referenceColumns,
      ]),
    ];
  }
  if (types.size === 0) types.add(config.objectType);
  return { objectTypes: [...types].map((t) => objectTypeSchema(config, t, columns)) };
}
