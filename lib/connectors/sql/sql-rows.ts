// The mapping between rows and IdSync objects, shared by import, delta and export: anchors (one
// column: its value; several: a JSON array of the values), rows -> objects (DNs from the template:
// shared/dn-template.ts), and the multi-valued attributes of a batch of rows in one query.

import type { AttrValues, FullImportItem } from "../../engine/types.ts";
import { buildRecordDn } from "../shared/dn-template.ts";
import type { Row, SqlSession } from "./sql-dialect.ts";
import { placeholders, type LayoutColumn, type SqlLayout } from "./sql-layout.ts";

/** The anchor string of a row: the value of a single anchor column, or a JSON array of the values. */
export function encodeAnchor(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : JSON.stringify(values);
}

/** The anchor column values of an anchor string, or null when it does not fit `count` columns. */
export function decodeAnchor(anchor: string, count: number): string[] | null {
  if (count === 1) return [anchor];
  try {
    const v: unknown = JSON.parse(anchor);
    return Array.isArray(v) && v.length === count && v.every((x) => typeof x === "string") ? (v as string[]) : null;
  } catch {
    return null;
  }
}

/** The anchor string of a row, or null when an anchor column is NULL. */
export function rowAnchor(columns: readonly LayoutColumn[], row: Row): string | null {
  const values: string[] = [];
  for (const c of columns) {
    const v = c.read(row[c.name]);
    if (v === undefined) return null;
    values.push(v);
  }
  return encodeAnchor(values);
}

/** Turns rows of the main table into import items. */
export class RowMapper {
  private readonly columns: LayoutColumn[];

  constructor(private readonly layout: SqlLayout) {
    this.columns = [...layout.main.columns.values()];
  }

  /** The attributes of a row: every non-NULL column. */
  attrs(row: Row): AttrValues {
    const attrs: AttrValues = {};
    for (const c of this.columns) {
      const v = c.read(row[c.name]);
      if (v !== undefined) attrs[c.name] = [v];
    }
    return attrs;
  }

  /** A row (plus its multi-valued attributes) as an object, or an error naming table and anchor. */
  toItem(row: Row, multi?: AttrValues): FullImportItem {
    const { config, main } = this.layout;
    const anchor = rowAnchor(this.layout.anchor, row);
    if (anchor === null) {
      return { kind: "error", code: "sql-missing-anchor", message: `${main.name}: a row has an empty anchor column (${config.anchor.join(", ")})`, source: { file: main.name } };
    }
    const attrs = this.attrs(row);
    if (multi) Object.assign(attrs, multi);
    const dn = buildRecordDn(config.dnTemplate, attrs, anchor);
    if ("missing" in dn) {
      return { kind: "error", code: "sql-bad-row", message: `${main.name}: row ${anchor}: column "${dn.missing}" of the DN template is empty`, anchor, source: { file: main.name, attribute: dn.missing } };
    }
    const typeCol = this.layout.objectTypeColumn;
    const objectType = (typeCol && attrs[typeCol.name]?.[0]) || config.objectType;
    return { kind: "object", object: { anchor, dn: dn.dn, objectType, attrs, source: { file: main.name } } };
  }
}

/** A WHERE condition matching rows whose `columns` equal one of `keys` (raw values), with its parameters. */
export function anchorIn(layout: SqlLayout, columns: readonly LayoutColumn[], keys: readonly unknown[][], offset = 0): { sql: string; params: unknown[] } {
  const d = layout.dialect;
  const params = keys.flat();
  if (columns.length === 1) return { sql: `${columns[0]!.quoted} IN (${placeholders(d, keys.length, offset).join(", ")})`, params };
  const tuples = keys.map((_, i) => `(${placeholders(d, columns.length, offset + i * columns.length).join(", ")})`);
  return { sql: `(${columns.map((c) => c.quoted).join(", ")}) IN (${tuples.join(", ")})`, params };
}

/**
 * The multi-valued attributes of a batch of rows, by anchor string: one query for the whole batch
 * (WHERE anchor IN the batch's anchors), never the whole table.
 */
export async function fetchMultiValues(session: SqlSession, layout: SqlLayout, rows: readonly Row[]): Promise<Map<string, AttrValues>> {
  const out = new Map<string, AttrValues>();
  const mv = layout.mv;
  if (!mv || !rows.length) return out;
  const keys = rows.filter((r) => rowAnchor(layout.anchor, r) !== null).map((r) => layout.anchor.map((c) => r[c.name]));
  if (!keys.length) return out;
  const where = anchorIn(layout, mv.anchor, keys);
  const cols = [...mv.anchor, mv.nameColumn, mv.valueColumn].map((c) => c.quoted).join(", ");
  const { rows: found } = await session.run(`SELECT ${cols} FROM ${mv.ref} WHERE ${where.sql}`, where.params);
  for (const r of found) {
    const anchor = rowAnchor(mv.anchor, r);
    const name = mv.nameColumn.read(r[mv.nameColumn.name]);
    const value = mv.valueColumn.read(r[mv.valueColumn.name]);
    if (anchor === null || name === undefined || value === undefined) continue;
    let attrs = out.get(anchor);
    if (!attrs) out.set(anchor, (attrs = {}));
    (attrs[name] ??= []).push(value);
  }
  return out;
}
