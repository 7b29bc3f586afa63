// Export to an AVP file through the shared file export session: this module is the format's side
// (existing records, value checks, writing `name: value` lines and record separators).

import type { ExportSession } from "../../engine/connector.ts";
import type { AttrValues } from "../../engine/types.ts";
import { encodable } from "../file-common/atomic-file.ts";
import { openRecordExport, type ExportFormat, type ScanItem } from "../file-common/record-export.ts";
import type { AvpConfig } from "./avp-config.ts";
import { readAvpRecords } from "./avp-records.ts";

async function* scan(config: AvpConfig): AsyncGenerator<ScanItem> {
  for await (const item of readAvpRecords(config, true)) {
    const anchor = item.kind === "record" ? item.attrs[config.anchor]?.[0] : undefined;
    if (item.kind === "record" && anchor) yield { kind: "record", anchor, objectType: item.objectType, attrs: item.attrs, raw: item.raw ?? [] };
    else yield { kind: "raw", raw: item.raw ?? [] };
  }
}

/** Why `values` cannot be written as attribute `name` (null: they can). */
function refuse(config: AvpConfig, name: string, values: string[]): string | null {
  if (name.includes(config.separator) || name.trim() !== name) return `attribute name "${name}" contains the separator "${config.separator}" or spaces at its ends`;
  if (config.commentPrefix && name.startsWith(config.commentPrefix)) return `attribute name "${name}" starts with the comment prefix "${config.commentPrefix}"`;
  for (const v of values) {
    if (/[\r\n]/.test(v)) return `a value of "${name}" holds a line break, which an AVP line cannot hold`;
    if (v.trim() !== v) return `a value of "${name}" starts or ends with spaces, which an AVP line does not keep`;
    if (!encodable(v, config.encoding)) return `a value of "${name}" cannot be written in ${config.encoding}`;
  }
  return null;
}

/** The AVP format as the shared export session sees it. */
export function avpExportFormat(config: AvpConfig): ExportFormat {
  const between = config.separator === ":" ? ": " : config.separator;
  return {
    file: config.path,
    codePrefix: "avp",
    anchor: config.anchor,
    encoding: config.encoding,
    dnTemplate: config.dnTemplate,
    objectTypeAttribute: config.objectTypeAttribute,
    changeTypeAttribute: config.changeTypeAttribute,
    bom: config.bom,
    scan: () => scan(config),
    refuse: (_type, name, values) => refuse(config, name, values),
    initialNames: () => [],
    writer: (_names, _fileNames, format) => {
      const eol = format.crlf ? "\r\n" : "\n";
      const end = (config.marker ?? "") + eol;
      return {
        header: () => "",
        record: (_objectType: string, attrs: AttrValues, previous?: string[]) => {
          const names = [config.anchor, ...Object.keys(attrs).filter((n) => n !== config.anchor)];
          const lines = names.flatMap((n) => (attrs[n] ?? []).map((v) => `${n}${between}${v}${eol}`));
          // The comments of a rewritten record stay (before its lines).
          const prefix = config.commentPrefix;
          const comments = prefix ? (previous ?? []).filter((l) => l.startsWith(prefix)).map((l) => l + eol) : [];
          return comments.join("") + lines.join("") + end;
        },
        raw: (raw) => raw.map((r) => r + eol).join("") + end,
      };
    },
  };
}

/** Opens an export session on the AVP file. */
export function openAvpExport(config: AvpConfig): Promise<ExportSession> {
  return openRecordExport(avpExportFormat(config));
}
