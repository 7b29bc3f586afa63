// Full import and schema discovery of a SQL table or view. Rows stream in batches (sql-scan.ts);
// each batch's multi-valued attributes come from the second table in one query.

import type { AttributeSchema, ConnectorSchema, FullImportItem } from "../../engine/types.ts";
import type { SqlSession } from "./sql-dialect.ts";
import { selectList, type SqlLayout } from "./sql-layout.ts";
import { fetchMultiValues, rowAnchor, RowMapper } from "./sql-rows.ts";
import { notNull, scanRows } from "./sql-scan.ts";

/** Rows per batch when the engine does not say. */
export const DEFAULT_BATCH_SIZE = 1000;

/** Distinct object types / multi-valued attribute names read by discovery (a sample, not a census). */
const DISCOVERY_LIMIT = 1000;

/** Rows whose anchor has a NULL column: reported once (a keyset cannot reach them, and they have no identity). */
async function nullAnchorItem(session: SqlSession, layout: SqlLayout): Promise<FullImportItem | null> {
  const cond = layout.anchor.map((c) => `${c.quoted} IS NULL`).join(" OR ");
  const { rows } = await session.run(`SELECT COUNT(*) AS n FROM ${layout.main.ref} WHERE ${cond}`);
  const n = Number(rows[0]?.n ?? 0);
  if (!n) return null;
  return {
    kind: "error",
    code: "sql-missing-anchor",
    message: `${layout.main.name}: ${n} row(s) have an empty anchor column (${layout.config.anchor.join(", ")}) and were skipped`,
    source: { file: layout.main.name },
  };
}

/** Streams the table as batches of import items. */
export async function* sqlFullImport(session: SqlSession, layout: SqlLayout, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<FullImportItem[]> {
  const bad = await nullAnchorItem(session, layout);
  if (bad) yield [bad];
  const mapper = new RowMapper(layout);
  const scan = scanRows(session, layout, {
    ref: layout.main.ref,
    select: selectList(layout.main),
    where: { sql: notNull(layout.anchor), params: [] },
    order: layout.anchor,
    batchSize,
  });
  for await (const rows of scan) {
    const multi = layout.mv ? await fetchMultiValues(session, layout, rows) : undefined;
    yield rows.map((r) => mapper.toItem(r, multi?.get(rowAnchor(layout.anchor, r) ?? "")));
  }
}

async function distinctValues(session: SqlSession, ref: string, column: string): Promise<string[]> {
  const { rows } = await session.run(`SELECT DISTINCT ${column} AS v FROM ${ref} WHERE ${column} IS NOT NULL ORDER BY ${column} LIMIT ${DISCOVERY_LIMIT}`);
  return rows.map((r) => String(r.v));
}

/**
 * The table's columns as attributes (types from the catalog), plus the multi-valued attributes
 * (configured names and the names found in the multi-valued table), for each object type (the
 * configured one, or those found in the object type column).
 */
export async function sqlDiscoverSchema(session: SqlSession, layout: SqlLayout): Promise<ConnectorSchema> {
  const { config } = layout;
  const refs = new Set(config.referenceColumns);
  const attributes: AttributeSchema[] = [...layout.main.columns.values()].map((c) => ({
    name: c.name,
    type: refs.has(c.name) ? "reference" : c.type,
    multiValued: false,
  }));
  if (layout.mv) {
    const names = new Set([...config.multiValueAttributes, ...(await distinctValues(session, layout.mv.ref, layout.mv.nameColumn.quoted))]);
    const mvRefs = new Set(config.multiValueReferences);
    for (const name of names) {
      if (layout.main.columns.has(name)) continue;
      attributes.push({ name, type: mvRefs.has(name) ? "reference" : layout.mv.valueColumn.type, multiValued: true });
    }
  }
  const types = new Set<string>();
  if (layout.objectTypeColumn) for (const t of await distinctValues(session, layout.main.ref, layout.objectTypeColumn.quoted)) if (t) types.add(t);
  if (!types.size || !layout.objectTypeColumn) types.add(config.objectType);
  return { objectTypes: [...types].map((name) => ({ name, anchor: [...config.anchor], attributes })) };
}
