// Export to a CSV file through the shared file export session (file-common/record-export.ts): write()
// checks each change against the anchors of the file (read once when the session opens) and answers
// per object; commit() streams the old file row by row, applies the changes, appends the adds and
// replaces the file atomically (temp file, `<path>.bak`, rename). A reader sees the old file or the
// new one, never half of one. This module knows the CSV side only: reading rows, checking values,
// writing rows through csv-stringify.

import { stringify } from "csv-stringify/sync";
import type { ExportSession } from "../../engine/connector.ts";
import type { AttrValues } from "../../engine/types.ts";
import { encodable } from "../file-common/atomic-file.ts";
import { openRecordExport, type ExportFormat, type RecordWriter, type ScanItem } from "../file-common/record-export.ts";
import type { FileFormat } from "../file-common/text-file.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import type { CsvConfig } from "./csv-config.ts";
import { readCsv } from "./csv-reader.ts";
import { CsvLayout } from "./csv-rows.ts";

/** Rows per csv-stringify call: big enough to be fast, small enough to stream. */
const WRITE_CHUNK_ROWS = 1000;

/**
 * Writes the header and rows through csv-stringify with the file's line breaks. Rows are buffered
 * and stringified a chunk at a time (one call per row would double the time of a large rewrite):
 * each call returns the text of a full chunk or "", and end() the rest.
 */
class CsvRowWriter implements RecordWriter {
  private rows: string[][] = [];
  private readonly layout: CsvLayout;
  /** empty cells that pad a row of the old file to the new header. */
  private readonly pad: string[];
  private readonly oldLength: number;

  constructor(
    private readonly config: CsvConfig,
    private readonly names: string[],
    fileNames: string[] | null,
    private readonly format: FileFormat,
  ) {
    this.layout = new CsvLayout(config, names);
    this.oldLength = fileNames?.length ?? names.length;
    this.pad = new Array<string>(Math.max(0, names.length - this.oldLength)).fill("");
  }

  private line(fields: string[]): string {
    this.rows.push(fields);
    return this.rows.length >= WRITE_CHUNK_ROWS ? this.end() : "";
  }

  end(): string {
    if (!this.rows.length) return "";
    const text = stringify(this.rows, { delimiter: this.config.delimiter, record_delimiter: this.format.crlf ? "windows" : "unix" });
    this.rows = [];
    return text;
  }

  header(): string {
    return this.line(this.names);
  }

  record(_objectType: string, attrs: AttrValues): string {
    return this.line(this.layout.toFields(attrs));
  }

  /** Untouched (or a bad row the import reports): copied as read, new columns left empty. */
  raw(fields: string[]): string {
    return this.line(fields.length === this.oldLength ? [...fields, ...this.pad] : fields);
  }
}

/** Why `values` cannot be written to column `name` (null: they can). */
function refuse(config: CsvConfig, name: string, values: string[]): string | null {
  const multi = config.multiValued.includes(name);
  if (!multi && values.length > 1) return `column "${name}" is single-valued but got ${values.length} values`;
  for (const v of values) {
    if (multi && v.includes(config.multiValueSeparator)) return `a value of column "${name}" contains the separator "${config.multiValueSeparator}"`;
    if (!encodable(v, config.encoding)) return `a value of column "${name}" cannot be written in ${config.encoding}`;
  }
  return null;
}

/** The rows of the file: its header, then rows with an anchor as records, any other row as read. */
async function* scan(config: CsvConfig): AsyncGenerator<ScanItem> {
  let layout: CsvLayout | undefined;
  for await (const item of readCsv(config.path, config)) {
    if (!layout) {
      layout = CsvLayout.fromHeader(config, item.fields, config.path, item.line);
      yield { kind: "names", names: layout.columns };
      continue;
    }
    const anchor = item.fields.length === layout.columns.length ? item.fields[layout.anchorIndex] : undefined;
    if (!anchor) {
      yield { kind: "raw", raw: item.fields };
      continue;
    }
    const attrs = layout.toAttrs(item.fields);
    yield { kind: "record", anchor, objectType: layout.objectTypeOf(attrs), attrs, raw: item.fields };
  }
}

/** The CSV file as the shared export session sees it. */
export function csvExportFormat(config: CsvConfig): ExportFormat {
  return {
    file: config.path,
    codePrefix: "csv",
    anchor: config.anchor,
    encoding: config.encoding,
    dnTemplate: config.dnTemplate,
    objectTypeAttribute: config.objectTypeColumn,
    anchorLabel: "anchor column",
    recordLabel: "row",
    // The previous file is kept as .bak only when it has a header (a file the export could read).
    backupNeedsHeader: true,
    scan: () => scan(config),
    refuse: (_type, name, values) => refuse(config, name, values),
    initialNames: () => [config.anchor, ...(config.objectTypeColumn ? [config.objectTypeColumn] : []), ...templateAttributes(config.dnTemplate)],
    writer: (names, fileNames, format) => new CsvRowWriter(config, names, fileNames, format),
  };
}

/**
 * Opens an export session: reads the file's header and anchors (when the file exists). A file with
 * broken quoting is refused here (ConnectivityError csv-unreadable): rewriting it would lose rows.
 */
export function openCsvExport(config: CsvConfig): Promise<ExportSession> {
  return openRecordExport(csvExportFormat(config));
}
