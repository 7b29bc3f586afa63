// The mapping between CSV rows and IdSync objects, shared by import and export: header checks,
// cells <-> attribute values (DNs: shared/dn-template.ts).

import { ConnectivityError } from "../../engine/connector.ts";
import type { AttrValues } from "../../engine/types.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import type { CsvConfig } from "./csv-config.ts";

/** The column layout of a file plus the config it is read with. */
export class CsvLayout {
  readonly columns: string[];
  readonly anchorIndex: number;
  private readonly multi: Set<string>;

  constructor(
    readonly config: CsvConfig,
    columns: string[],
  ) {
    this.columns = columns;
    this.anchorIndex = columns.indexOf(config.anchor);
    this.multi = new Set(config.multiValued);
  }

  /**
   * Validates a header row: names present and unique, the anchor, object type and DN template
   * columns present. A bad header stops the step (nothing can be read reliably), so it throws.
   */
  static fromHeader(config: CsvConfig, fields: string[], file: string, line: number): CsvLayout {
    const columns = fields.map((f) => f.trim());
    const where = `${file}:${line}`;
    const blank = columns.findIndex((c) => c === "");
    if (blank >= 0) throw new ConnectivityError("csv-bad-header", `${where}: header column ${blank + 1} has no name`);
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) throw new ConnectivityError("csv-bad-header", `${where}: header names column "${c}" twice`);
      seen.add(c);
    }
    const required: [string, string][] = [[config.anchor, "anchor"]];
    if (config.objectTypeColumn) required.push([config.objectTypeColumn, "object type"]);
    for (const c of templateAttributes(config.dnTemplate)) required.push([c, "DN template"]);
    for (const [c, role] of required) {
      if (!seen.has(c)) {
        throw new ConnectivityError("csv-bad-header", `${where}: the ${role} column "${c}" is not in the header (${columns.join(", ")})`);
      }
    }
    return new CsvLayout(config, columns);
  }

  isMultiValued(column: string): boolean {
    return this.multi.has(column);
  }

  /** Cells -> attribute values: empty cells are absent, multi-valued cells split (empty parts dropped). */
  toAttrs(fields: string[]): AttrValues {
    const attrs: AttrValues = {};
    for (let i = 0; i < this.columns.length; i++) {
      const cell = fields[i];
      if (cell === undefined || cell === "") continue;
      const name = this.columns[i]!;
      if (this.multi.has(name)) {
        const values = cell.split(this.config.multiValueSeparator).filter((v) => v !== "");
        if (values.length) attrs[name] = values;
      } else {
        attrs[name] = [cell];
      }
    }
    return attrs;
  }

  /** Attribute values -> cells in this layout's column order. */
  toFields(attrs: AttrValues): string[] {
    return this.columns.map((name) => (attrs[name] ?? []).join(this.config.multiValueSeparator));
  }

  /** The object type of a row. */
  objectTypeOf(attrs: AttrValues): string {
    const col = this.config.objectTypeColumn;
    return (col && attrs[col]?.[0]) || this.config.objectType;
  }
}
