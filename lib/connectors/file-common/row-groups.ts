// Multi-valued attributes by repeated rows: consecutive rows with the same anchor form one record.
// Multi-valued attributes collect the values of every row (in order, duplicates dropped);
// single-valued attributes take the first row's value, and a later row that gives a different
// non-empty value fails the record. A row whose anchor appeared before but not in the previous row
// starts a new record (the import then reports it as a duplicate anchor).

import type { AttrValues } from "../../engine/types.ts";
import type { ParsedItem, ParsedRecord } from "./file-records.ts";

/** Groups consecutive rows with the same anchor; pass items through push() then end(). */
export class RowGrouper {
  private current: { record: ParsedRecord; anchor: string; conflict?: { line: number; reason: string } } | null = null;

  constructor(
    private readonly anchorAttribute: string,
    private readonly multiValued: Set<string>,
    private readonly codePrefix: string,
  ) {}

  /** Adds a row; returns the items it completes (the previous group, a failure). */
  push(item: ParsedItem): ParsedItem[] {
    const anchor = item.kind === "record" ? item.attrs[this.anchorAttribute]?.[0] : undefined;
    if (item.kind === "record" && anchor !== undefined && this.current?.anchor === anchor) {
      this.merge(item);
      return [];
    }
    const out = this.end();
    if (item.kind === "record" && anchor !== undefined) this.current = { record: { ...item, attrs: { ...item.attrs }, raw: item.raw ? [...item.raw] : undefined }, anchor };
    else out.push(item);
    return out;
  }

  /** Completes the group in progress. */
  end(): ParsedItem[] {
    const c = this.current;
    this.current = null;
    if (!c) return [];
    if (c.conflict) return [{ kind: "failure", code: `${this.codePrefix}-conflicting-rows`, reason: c.conflict.reason, line: c.record.line, anchor: c.anchor, raw: c.record.raw }];
    return [c.record];
  }

  private merge(row: ParsedRecord): void {
    const c = this.current!;
    const attrs: AttrValues = c.record.attrs;
    if (c.record.raw && row.raw) c.record.raw.push(...row.raw);
    for (const [name, values] of Object.entries(row.attrs)) {
      const have = attrs[name];
      if (this.multiValued.has(name)) {
        const merged = have ? [...have] : [];
        for (const v of values) if (!merged.includes(v)) merged.push(v);
        attrs[name] = merged;
      } else if (!have?.length) {
        attrs[name] = values;
      } else if (values.length && values[0] !== have[0] && !c.conflict) {
        c.conflict = { line: row.line, reason: `line ${row.line} gives "${name}" the value "${values[0]}" but line ${c.record.line} gave "${have[0]}" (rows of one anchor must agree on single-valued attributes)` };
      }
    }
    if (row.objectType !== c.record.objectType && !c.conflict) {
      c.conflict = { line: row.line, reason: `line ${row.line} has object type "${row.objectType}" but line ${c.record.line} has "${c.record.objectType}"` };
    }
  }
}

/**
 * Splits a record into rows for writing: row i holds the i-th value of every multi-valued attribute
 * and every single-valued attribute; at least one row.
 */
export function recordRows(attrs: AttrValues, multiValued: Set<string>): AttrValues[] {
  let n = 1;
  for (const [name, values] of Object.entries(attrs)) if (multiValued.has(name)) n = Math.max(n, values.length);
  const rows: AttrValues[] = [];
  for (let i = 0; i < n; i++) {
    const row: AttrValues = {};
    for (const [name, values] of Object.entries(attrs)) {
      if (!multiValued.has(name)) row[name] = values;
      else if (values[i] !== undefined) row[name] = [values[i]!];
    }
    rows.push(row);
  }
  return rows;
}
