// Reading AVP records: lines of `name<sep>value` (name and value trimmed, empty values dropped,
// repeated names collected as values in order, duplicates dropped) up to a blank line or the marker
// line. A line without the separator, or with an empty name, fails its whole record (reported on
// that line); reading goes on with the next record.

import type { AttrValues } from "../../engine/types.ts";
import type { ParsedItem } from "../file-common/file-records.ts";
import { readLines } from "../file-common/line-reader.ts";
import type { AvpConfig } from "./avp-config.ts";

interface Pending {
  line: number;
  attrs: AttrValues;
  raw: string[] | undefined;
  failure?: { line: number; reason: string; code: string };
}

/** Streams the records of the file; `keepRaw` keeps each record's lines. */
export async function* readAvpRecords(config: AvpConfig, keepRaw = false): AsyncGenerator<ParsedItem> {
  const { separator: sep, marker, commentPrefix } = config;
  let rec: Pending | null = null;
  /** comment lines before a record, kept with it (keepRaw) so a rewrite keeps them. */
  let comments: string[] = [];
  const finish = (): ParsedItem | null => {
    const r = rec;
    rec = null;
    if (!r) return null;
    if (r.failure) return { kind: "failure", code: r.failure.code, reason: r.failure.reason, line: r.failure.line, anchor: r.attrs[config.anchor]?.[0], raw: r.raw };
    const type = config.objectTypeAttribute ? r.attrs[config.objectTypeAttribute]?.[0] : undefined;
    return { kind: "record", line: r.line, objectType: type || config.objectType, attrs: r.attrs, raw: r.raw };
  };
  for await (const { text, line } of readLines(config.path, config.encoding, "AVP file")) {
    const trimmed = text.trim();
    if (marker ? trimmed === marker : trimmed === "") {
      const item = finish();
      if (item) yield item;
      continue;
    }
    if (trimmed === "") continue;
    if (commentPrefix && text.startsWith(commentPrefix)) {
      if (rec) rec.raw?.push(text);
      else if (keepRaw) comments.push(text);
      continue;
    }
    if (!rec) {
      rec = { line, attrs: {}, raw: keepRaw ? comments : undefined };
      comments = [];
    }
    rec.raw?.push(text);
    if (rec.failure) continue;
    const at = text.indexOf(sep);
    const name = at < 0 ? "" : text.slice(0, at).trim();
    if (at < 0 || name === "") {
      const what = at < 0 ? `has no "${sep}" between a name and a value` : `has no attribute name before "${sep}"`;
      rec.failure = { line, code: "avp-bad-line", reason: `the line ${what}; the record starting on line ${rec.line} is skipped` };
      continue;
    }
    if (config.encoding !== "latin1" && text.includes("\ufffd")) {
      rec.failure = { line, code: "avp-bad-encoding", reason: `the line is not valid ${config.encoding} (check the encoding setting); the record starting on line ${rec.line} is skipped` };
      continue;
    }
    const value = text.slice(at + sep.length).trim();
    if (value === "") continue;
    const values = rec.attrs[name];
    if (!values) rec.attrs[name] = [value];
    else if (!values.includes(value)) values.push(value);
  }
  const last = finish();
  if (last) yield last;
}
