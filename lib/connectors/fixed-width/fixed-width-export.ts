// Export to a fixed-width file through the shared file export session: this module is the format's
// side (existing records, value checks, writing lines).

import type { ExportSession } from "../../engine/connector.ts";
import { encodable } from "../file-common/atomic-file.ts";
import { openRecordExport, type ExportFormat, type ScanItem } from "../file-common/record-export.ts";
import { recordRows } from "../file-common/row-groups.ts";
import type { FixedWidthConfig } from "./fixed-width-config.ts";
import { readFixedWidthRecords } from "./fixed-width-import.ts";
import { FixedWidthLayout } from "./fixed-width-layout.ts";

async function* scan(config: FixedWidthConfig): AsyncGenerator<ScanItem> {
  for await (const item of readFixedWidthRecords(config, true)) {
    const anchor = item.kind === "record" ? item.attrs[config.anchor]?.[0] : undefined;
    if (item.kind === "record" && anchor) yield { kind: "record", anchor, objectType: item.objectType, attrs: item.attrs, raw: item.raw ?? [] };
    else yield { kind: "raw", raw: item.raw ?? [] };
  }
}

/** The fixed-width format as the shared export session sees it. */
export function fixedWidthExportFormat(config: FixedWidthConfig): ExportFormat {
  const layout = new FixedWidthLayout(config);
  const multi = new Set(config.multiValued);
  return {
    file: config.path,
    codePrefix: "fixed-width",
    anchor: config.anchor,
    encoding: config.encoding,
    dnTemplate: config.dnTemplate,
    changeTypeAttribute: config.changeTypeColumn,
    bom: config.bom,
    scan: () => scan(config),
    refuse: (objectType, name, values) => {
      if (values.some((v) => !encodable(v, config.encoding))) return `a value of column "${name}" cannot be written in ${config.encoding}`;
      return layout.refuse(objectType, name, values);
    },
    initialNames: () => config.columns.map((c) => c.name),
    writer: (_names, _fileNames, format) => {
      const eol = format.crlf ? "\r\n" : "\n";
      return {
        header: () => "",
        record: (objectType, attrs) => {
          const rows = config.multiValueMode === "rows" ? recordRows(attrs, multi) : [attrs];
          return rows.map((r) => layout.format(objectType, r) + eol).join("");
        },
        raw: (raw) => raw.map((r) => r + eol).join(""),
      };
    },
  };
}

/** Opens an export session on the fixed-width file. */
export function openFixedWidthExport(config: FixedWidthConfig): Promise<ExportSession> {
  return openRecordExport(fixedWidthExportFormat(config));
}
