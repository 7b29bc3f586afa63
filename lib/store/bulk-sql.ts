// Multi-row SQL for the engine's hot paths. Prisma's createMany and upsert cost a round trip (or
// more) per row through the driver adapters; one INSERT of a few hundred rows costs one.
// Values are always bound parameters; only identifiers and our own literals are in the SQL text.
import type { Db, Tx } from "./db.ts";

export type Dialect = "sqlite" | "postgres";

/** SQL for "now" in the text format Prisma reads back for DateTime columns. */
export function nowSql(dialect: Dialect): string {
  return dialect === "sqlite" ? "strftime('%Y-%m-%dT%H:%M:%fZ','now')" : "CURRENT_TIMESTAMP";
}

export function boolSql(dialect: Dialect, value: boolean): string {
  return dialect === "sqlite" ? (value ? "1" : "0") : value ? "true" : "false";
}

const MAX_PARAMS = 30_000;

/**
 * INSERT INTO table (columns..., literalColumns...) VALUES (...), (...)
 * `literals` are SQL fragments we write ourselves (now, booleans), never user data.
 */
export async function bulkInsert(
  db: Db | Tx,
  dialect: Dialect,
  table: string,
  columns: string[],
  rows: unknown[][],
  literals: Record<string, string> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const litCols = Object.keys(literals);
  const litSql = litCols.map((c) => literals[c]);
  const header = [...columns, ...litCols].map((c) => `"${c}"`).join(", ");
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns.length)));
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    let n = 0;
    const values = chunk
      .map((r) => `(${[...r.map(() => (dialect === "sqlite" ? "?" : `$${++n}`)), ...litSql].join(", ")})`)
      .join(", ");
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${header}) VALUES ${values}`, ...chunk.flat());
  }
}

/** DELETE FROM table WHERE column IN (...), chunked. */
export async function bulkDelete(db: Db | Tx, dialect: Dialect, table: string, column: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const ph = chunk.map((_, j) => (dialect === "sqlite" ? "?" : `$${j + 1}`)).join(", ");
    await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "${column}" IN (${ph})`, ...chunk);
  }
}

/**
 * One UPDATE for many rows with different values:
 * WITH v(key, c1, c2) AS (VALUES (...), (...)) UPDATE table SET c1 = v.c1, ... FROM v WHERE table.key = v.key
 * (SQLite >= 3.33 and PostgreSQL both accept it). `extraSets` are our own SQL fragments.
 */
export async function bulkUpdate(
  db: Db | Tx,
  dialect: Dialect,
  table: string,
  key: string,
  columns: string[],
  rows: unknown[][],
  extraSets: string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const all = [key, ...columns];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / all.length));
  const sets = [...columns.map((c) => `"${c}" = v."${c}"`), ...extraSets].join(", ");
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    let n = 0;
    const values = chunk.map((r) => `(${r.map(() => (dialect === "sqlite" ? "?" : `$${++n}`)).join(", ")})`).join(", ");
    const sql = `WITH v(${all.map((c) => `"${c}"`).join(", ")}) AS (VALUES ${values}) UPDATE "${table}" SET ${sets} FROM v WHERE "${table}"."${key}" = v."${key}"`;
    await db.$executeRawUnsafe(sql, ...chunk.flat());
  }
}
