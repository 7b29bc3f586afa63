// Multi-row SQL over the engine's SqlDriver: one statement for hundreds of rows.
// Values are always bound parameters; only identifiers and our own literals are in the SQL text.
import type { Dialect, SqlDriver } from "./sql-driver.ts";

const MAX_PARAMS = 30_000;

/** SQL for "now" in the text format Prisma reads back for DateTime columns. */
export function nowSql(dialect: Dialect): string {
  return dialect === "sqlite" ? "strftime('%Y-%m-%dT%H:%M:%fZ','now')" : "CURRENT_TIMESTAMP";
}

export function boolSql(dialect: Dialect, value: boolean): string {
  return dialect === "sqlite" ? (value ? "1" : "0") : value ? "true" : "false";
}

export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

export function chunked<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** INSERT INTO table (columns..., literal columns...) VALUES (...), (...) */
export async function insertRows(d: SqlDriver, table: string, columns: string[], rows: unknown[][], literals: Record<string, string> = {}): Promise<void> {
  if (rows.length === 0) return;
  const litCols = Object.keys(literals);
  const lit = litCols.map((c) => literals[c]);
  const header = [...columns, ...litCols].map((c) => `"${c}"`).join(", ");
  const tuple = `(${[...columns.map(() => "?"), ...lit].join(", ")})`;
  if (d.runMany) return d.runMany(`INSERT INTO "${table}" (${header}) VALUES ${tuple}`, rows);
  for (const chunk of chunked(rows, Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns.length))))) {
    await d.run(`INSERT INTO "${table}" (${header}) VALUES ${Array.from({ length: chunk.length }, () => tuple).join(", ")}`, chunk.flat());
  }
}

/** WITH v(key, c...) AS (VALUES ...) UPDATE table SET c = v.c ... FROM v WHERE table.key = v.key */
export async function updateRows(d: SqlDriver, table: string, key: string, columns: string[], rows: unknown[][], extraSets: string[] = []): Promise<void> {
  if (rows.length === 0) return;
  const all = [key, ...columns];
  const sets = [...columns.map((c) => `"${c}" = v."${c}"`), ...extraSets].join(", ");
  const tuple = `(${all.map(() => "?").join(", ")})`;
  if (d.runMany) {
    // A plain single-row UPDATE per row (a cached statement): v."col" in the extra SETs becomes a parameter.
    const refs: number[] = [];
    const extras = extraSets.map((x) => x.replace(/v\."([^"]+)"/g, (_, c: string) => (refs.push(all.indexOf(c)), "?")));
    const one = `UPDATE "${table}" SET ${[...columns.map((c) => `"${c}" = ?`), ...extras].join(", ")} WHERE "${key}" = ?`;
    return d.runMany(one, rows.map((r) => [...r.slice(1), ...refs.map((i) => r[i]), r[0]]));
  }
  for (const chunk of chunked(rows, Math.max(1, Math.floor(MAX_PARAMS / all.length)))) {
    const values = Array.from({ length: chunk.length }, () => tuple).join(", ");
    await d.run(
      `WITH v(${all.map((c) => `"${c}"`).join(", ")}) AS (VALUES ${values}) UPDATE "${table}" SET ${sets} FROM v WHERE "${table}"."${key}" = v."${key}"`,
      chunk.flat(),
    );
  }
}

/** SELECT ... WHERE column IN (...) in chunks. */
export async function selectIn<T>(d: SqlDriver, sqlBeforeIn: string, values: unknown[], sqlAfterIn = "", leading: unknown[] = []): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunked([...new Set(values)], 1000)) {
    out.push(...(await d.all<T>(`${sqlBeforeIn} (${placeholders(chunk.length)})${sqlAfterIn}`, [...leading, ...chunk])));
  }
  return out;
}

export async function deleteIn(d: SqlDriver, table: string, column: string, values: string[], extraWhere = "", extraParams: unknown[] = []): Promise<void> {
  for (const chunk of chunked([...new Set(values)], 1000)) {
    await d.run(`DELETE FROM "${table}" WHERE "${column}" IN (${placeholders(chunk.length)})${extraWhere}`, [...chunk, ...extraParams]);
  }
}
