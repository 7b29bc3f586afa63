// Rows of a delimited file -> records: the column layout (header row or declared columns), cells ->
// attribute values, multi-valued columns by separator or by consecutive rows with the same anchor.
// A header without the anchor column (or with a blank or repeated name) stops the read: nothing
// after it can be read reliably.

import { ConnectivityError } from "../../engine/connector.ts";
import type { AttrValues } from "../../engine/types.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import type { ParsedItem } from "../file-common/file-records.ts";
import { RowGrouper } from "../file-common/row-groups.ts";
import { readTextChunks } from "../file-common/text-file.ts";
import type { DelimitedConfig } from "./delimited-config.ts";
import { DelimitedParser, type DelimitedRow } from "./delimited-parser.ts";

/** Streams the rows of the file (blank rows skipped). */
export async function* readDelimitedRows(config: DelimitedConfig, keepRaw = false): AsyncGenerator<DelimitedRow> {
  const parser = new DelimitedParser(config, keepRaw);
  const out: DelimitedRow[] = [];
  const drain = function* () {
    for (const row of out) if (row.kind === "bad" || row.fields.some((f) => f !== "")) yield row;
    out.length = 0;
  };
  for await (const chunk of readTextChunks(config.path, config.encoding, "delimited file")) {
    parser.push(chunk, out);
    yield* drain();
  }
  parser.end(out);
  yield* drain();
}

/** The column layout of a file and the config it is read with. */
export class DelimitedLayout {
  readonly multi: Set<string>;
  constructor(
    readonly config: DelimitedConfig,
    readonly columns: string[],
  ) {
    this.multi = new Set(config.multiValued);
  }

  /** Validates a header row (or the declared columns): names present, unique, required ones there. */
  static fromNames(config: DelimitedConfig, names: string[], where: string): DelimitedLayout {
    const columns = names.map((f) => f.trim());
    const blank = columns.findIndex((c) => c === "");
    if (blank >= 0) throw new ConnectivityError("delimited-bad-header", `${where}: header column ${blank + 1} has no name`);
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) throw new ConnectivityError("delimited-bad-header", `${where}: the header names column "${c}" twice`);
      seen.add(c);
    }
    const required: [string | undefined, string][] = [
      [config.anchor, "anchor"],
      [config.objectTypeColumn, "object type"],
      [config.changeTypeColumn, "change type"],
      ...templateAttributes(config.dnTemplate).map((c): [string, string] => [c, "DN template"]),
    ];
    for (const [c, role] of required) {
      if (c && !seen.has(c)) throw new ConnectivityError("delimited-bad-header", `${where}: the ${role} column "${c}" is not in the header (${columns.join(", ")})`);
    }
    return new DelimitedLayout(config, columns);
  }

  /** Cells -> attribute values: empty cells absent; separator mode splits multi-valued cells. */
  toAttrs(fields: string[]): AttrValues {
    const attrs: AttrValues = {};
    const split = this.config.multiValueMode === "separator";
    for (let i = 0; i < this.columns.length; i++) {
      const cell = fields[i];
      if (cell === undefined || cell === "") continue;
      const name = this.columns[i]!;
      if (split && this.multi.has(name)) {
        const values = cell.split(this.config.multiValueSeparator).filter((v) => v !== "");
        if (values.length) attrs[name] = values;
      } else attrs[name] = [cell];
    }
    return attrs;
  }

  objectTypeOf(attrs: AttrValues): string {
    const col = this.config.objectTypeColumn;
    return (col && attrs[col]?.[0]) || this.config.objectType;
  }
}

/** Items of a delimited read: the layout first (once known), then parsed records. */
export type DelimitedItem = { kind: "layout"; layout: DelimitedLayout } | ParsedItem;

/** Streams the file as a layout and records (rows grouped in `rows` mode); `raw` keeps row text. */
export async function* readDelimitedRecords(config: DelimitedConfig, keepRaw = false): AsyncGenerator<DelimitedItem> {
  let layout: DelimitedLayout | undefined;
  if (!config.header) {
    layout = new DelimitedLayout(config, config.columns!);
    yield { kind: "layout", layout };
  }
  const grouper = config.multiValueMode === "rows" ? new RowGrouper(config.anchor, new Set(config.multiValued), "delimited") : null;
  for await (const row of readDelimitedRows(config, keepRaw)) {
    if (!layout) {
      if (row.kind === "bad") throw new ConnectivityError("delimited-bad-header", `${config.path}:${row.line}: the header row cannot be read: ${row.reason}`);
      const where = `${config.path}:${row.line}`;
      layout = config.columns ? new DelimitedLayout(config, config.columns) : DelimitedLayout.fromNames(config, row.fields, where);
      yield { kind: "layout", layout };
      continue;
    }
    const raw = row.raw === undefined ? undefined : [row.raw];
    let item: ParsedItem;
    if (row.kind === "bad") item = { kind: "failure", code: `delimited-${row.code}`, reason: row.reason, line: row.line, raw };
    else if (row.fields.length !== layout.columns.length) {
      item = { kind: "failure", code: "delimited-bad-row", reason: `the row has ${row.fields.length} fields but there are ${layout.columns.length} columns`, line: row.line, raw };
    } else if (row.badEncoding) {
      item = { kind: "failure", code: "delimited-bad-encoding", reason: `the row is not valid ${config.encoding} (check the encoding setting)`, line: row.line, raw };
    } else {
      const attrs = layout.toAttrs(row.fields);
      item = { kind: "record", line: row.line, objectType: layout.objectTypeOf(attrs), attrs, raw };
    }
    if (grouper) yield* grouper.push(item);
    else yield item;
  }
  if (grouper) yield* grouper.end();
}
