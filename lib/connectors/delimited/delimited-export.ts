// Export to a delimited file through the shared file export session: this module knows the
// format's side only (reading the existing records, checking values, writing rows and header).

import type { ExportSession } from "../../engine/connector.ts";
import type { AttrValues } from "../../engine/types.ts";
import { encodable } from "../file-common/atomic-file.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import { openRecordExport, type ExportFormat, type RecordWriter, type ScanItem } from "../file-common/record-export.ts";
import { recordRows } from "../file-common/row-groups.ts";
import type { FileFormat } from "../file-common/text-file.ts";
import type { DelimitedConfig } from "./delimited-config.ts";
import { readDelimitedRecords } from "./delimited-records.ts";

/** Quotes and escapes one field per the config's qualifier and escape rule. */
export function formatField(config: DelimitedConfig, value: string): string {
  const { delimiter: d, qualifier: q, escape } = config;
  const backslash = escape === "backslash";
  const special = value.includes(d) || value.includes("\n") || value.includes("\r") || (q !== "" && value.includes(q)) || (backslash && value.includes("\\"));
  if (!special) return value;
  if (q === "") return value.replace(/[\\\n\r]/g, (c) => `\\${c}`).replaceAll(d, `\\${d}`);
  const body = backslash ? value.replaceAll("\\", "\\\\").replaceAll(q, `\\${q}`) : value.replaceAll(q, q + q);
  return q + body + q;
}

class DelimitedWriter implements RecordWriter {
  private readonly eol: string;
  private readonly pad: string;
  private readonly multi: Set<string>;
  constructor(
    private readonly config: DelimitedConfig,
    private readonly names: string[],
    fileNames: string[] | null,
    format: FileFormat,
  ) {
    this.eol = format.crlf ? "\r\n" : "\n";
    this.pad = config.delimiter.repeat(Math.max(0, names.length - (fileNames?.length ?? names.length)));
    this.multi = new Set(config.multiValued);
  }
  private row(attrs: AttrValues): string {
    const sep = this.config.multiValueMode === "separator" ? this.config.multiValueSeparator : "";
    return this.names.map((n) => formatField(this.config, (attrs[n] ?? []).join(sep))).join(this.config.delimiter) + this.eol;
  }
  header(): string {
    return this.config.header ? this.names.map((n) => formatField(this.config, n)).join(this.config.delimiter) + this.eol : "";
  }
  record(_objectType: string, attrs: AttrValues): string {
    if (this.config.multiValueMode === "separator") return this.row(attrs);
    return recordRows(attrs, this.multi).map((r) => this.row(r)).join("");
  }
  raw(raw: string[]): string {
    return raw.map((r) => r + this.pad + this.eol).join("");
  }
}

/** Why `values` cannot be written to column `name` (null: they can). */
function refuse(config: DelimitedConfig, name: string, values: string[]): string | null {
  if (config.columns && !config.columns.includes(name)) return `the file has no column "${name}" (declared: ${config.columns.join(", ")})`;
  const multi = config.multiValued.includes(name);
  if (!multi && values.length > 1) return `column "${name}" is single-valued but got ${values.length} values`;
  for (const v of values) {
    if (multi && config.multiValueMode === "separator" && v.includes(config.multiValueSeparator)) {
      return `a value of column "${name}" contains the separator "${config.multiValueSeparator}"`;
    }
    if (!encodable(v, config.encoding)) return `a value of column "${name}" cannot be written in ${config.encoding}`;
    if (config.qualifier === "" && config.escape === "doubled" && (v.includes(config.delimiter) || /[\r\n]/.test(v))) {
      return `a value of column "${name}" holds the delimiter or a line break, which a file without a qualifier or escape cannot hold`;
    }
  }
  return null;
}

async function* scan(config: DelimitedConfig): AsyncGenerator<ScanItem> {
  for await (const item of readDelimitedRecords(config, true)) {
    if (item.kind === "layout") {
      yield { kind: "names", names: item.layout.columns };
      continue;
    }
    const anchor = item.kind === "record" ? item.attrs[config.anchor]?.[0] : undefined;
    if (item.kind === "record" && anchor) yield { kind: "record", anchor, objectType: item.objectType, attrs: item.attrs, raw: item.raw ?? [] };
    else yield { kind: "raw", raw: item.raw ?? [] };
  }
}

/** The delimited format as the shared export session sees it. */
export function delimitedExportFormat(config: DelimitedConfig): ExportFormat {
  return {
    file: config.path,
    codePrefix: "delimited",
    anchor: config.anchor,
    encoding: config.encoding,
    dnTemplate: config.dnTemplate,
    objectTypeAttribute: config.objectTypeColumn,
    changeTypeAttribute: config.changeTypeColumn,
    bom: config.bom,
    scan: () => scan(config),
    refuse: (_type, name, values) => refuse(config, name, values),
    initialNames: () =>
      config.columns ?? [config.anchor, ...(config.objectTypeColumn ? [config.objectTypeColumn] : []), ...templateAttributes(config.dnTemplate), ...(config.changeTypeColumn ? [config.changeTypeColumn] : [])],
    writer: (names, fileNames, format) => new DelimitedWriter(config, config.columns ?? names, config.columns ? config.columns : fileNames, format),
  };
}

/** Opens an export session on the delimited file. */
export function openDelimitedExport(config: DelimitedConfig): Promise<ExportSession> {
  return openRecordExport(delimitedExportFormat(config));
}
