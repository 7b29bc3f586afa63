// Streaming reads of a table in batches, never the whole table in memory. PostgreSQL: a server-side
// cursor (DECLARE ... FETCH) in a read-only REPEATABLE READ transaction (one snapshot for the whole
// import). MariaDB/MySQL and SQLite: keyset pagination ordered by unique columns (the anchor),
// `WHERE (k1 > ?) OR (k1 = ? AND k2 > ?) ... ORDER BY k1, k2 LIMIT n` (an index on them keeps each
// page cheap; for a view, on the base table's columns).

import type { Row, SqlSession } from "./sql-dialect.ts";
import { placeholders, type LayoutColumn, type SqlLayout } from "./sql-layout.ts";

/** A SQL condition with its parameters, numbered from 1. */
export interface Condition {
  sql: string;
  params: unknown[];
}

/** What to read: `SELECT select FROM ref WHERE where ORDER BY order`. */
export interface ScanRequest {
  ref: string;
  select: string;
  where?: Condition;
  /** columns that order the rows and, together, identify one row (keyset). */
  order: readonly LayoutColumn[];
  batchSize: number;
}

let cursorSeq = 0;

async function* cursorScan(session: SqlSession, req: ScanRequest): AsyncGenerator<Row[]> {
  const name = `idsync_scan_${++cursorSeq}`;
  const where = req.where ? ` WHERE ${req.where.sql}` : "";
  const order = req.order.map((c) => c.quoted).join(", ");
  await session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  let done = false;
  try {
    await session.run(`DECLARE ${name} NO SCROLL CURSOR FOR SELECT ${req.select} FROM ${req.ref}${where} ORDER BY ${order}`, req.where?.params ?? []);
    for (;;) {
      const { rows } = await session.run(`FETCH FORWARD ${req.batchSize} FROM ${name}`);
      if (rows.length) yield rows;
      if (rows.length < req.batchSize) break;
    }
    await session.run("COMMIT");
    done = true;
  } finally {
    // Stopped early (consumer returned, or an error): end the transaction if the connection still works.
    if (!done) await session.run("ROLLBACK").catch(() => undefined);
  }
}

async function* keysetScan(session: SqlSession, layout: SqlLayout, req: ScanRequest): AsyncGenerator<Row[]> {
  const d = layout.dialect;
  const order = req.order.map((c) => c.quoted).join(", ");
  let last: Row | undefined;
  for (;;) {
    const conds: string[] = [];
    const params: unknown[] = [];
    if (req.where) {
      conds.push(`(${req.where.sql})`);
      params.push(...req.where.params);
    }
    if (last) {
      // (k1 > ?) OR (k1 = ? AND k2 > ?) OR ...: the rows after the last one, in ORDER BY order.
      const ors: string[] = [];
      for (let i = 0; i < req.order.length; i++) {
        const parts: string[] = [];
        for (let j = 0; j <= i; j++) {
          const c = req.order[j]!;
          const [p] = placeholders(d, 1, params.length);
          parts.push(`${c.quoted} ${j < i ? "=" : ">"} ${p}`);
          params.push(last[c.name]);
        }
        ors.push(`(${parts.join(" AND ")})`);
      }
      conds.push(`(${ors.join(" OR ")})`);
    }
    const where = conds.length ? ` WHERE ${conds.join(" AND ")}` : "";
    const { rows } = await session.run(`SELECT ${req.select} FROM ${req.ref}${where} ORDER BY ${order} LIMIT ${req.batchSize}`, params);
    if (rows.length) yield rows;
    if (rows.length < req.batchSize) return;
    last = rows[rows.length - 1];
  }
}

/** Batches of rows of `req`, streamed (cursor on PostgreSQL, keyset pages elsewhere). */
export function scanRows(session: SqlSession, layout: SqlLayout, req: ScanRequest): AsyncGenerator<Row[]> {
  const batchSize = Math.max(1, Math.floor(req.batchSize));
  const request = { ...req, batchSize };
  return layout.dialect.kind === "postgres" ? cursorScan(session, request) : keysetScan(session, layout, request);
}

/** `k1 IS NOT NULL AND k2 IS NOT NULL`: rows a keyset can reach. */
export function notNull(columns: readonly LayoutColumn[]): string {
  return columns.map((c) => `${c.quoted} IS NOT NULL`).join(" AND ");
}

