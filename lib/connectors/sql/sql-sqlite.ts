// SQLite through `better-sqlite3`: one Database handle per session with a statement cache. Integers
// come back as BigInt (safeIntegers) so 64-bit keys are exact; sql-values.ts turns them into text.

import Database from "better-sqlite3";
import type { SqlConfig } from "./sql-config.ts";
import { errorCode, errorMessage, type SqlDialect, type SqlSession, type TableInfo, type TableName, TABLE_LIST_LIMIT } from "./sql-dialect.ts";

type Statement = Database.Statement<unknown[]>;

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

async function connect(config: SqlConfig): Promise<SqlSession> {
  const db = new Database(config.file!, { fileMustExist: true, timeout: config.connectTimeoutMs });
  const cache = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare<unknown[]>(sql);
      if (s.reader) s.safeIntegers(true);
      if (cache.size >= 200) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  return {
    async run(sql, params = []) {
      const s = statement(sql);
      const values = params.map(bindable);
      if (s.reader) {
        const rows = s.all(...values) as Record<string, unknown>[];
        return { rows, affected: rows.length };
      }
      return { rows: [], affected: s.run(...values).changes };
    },
    async close() {
      cache.clear();
      if (db.open) db.close();
    },
  };
}

function connectivityCode(e: unknown): string | null {
  const code = errorCode(e) ?? "";
  if (code === "SQLITE_CANTOPEN" || code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_PERM") return "sql-unreachable";
  if (code.startsWith("SQLITE_IOERR") || code === "SQLITE_FULL") return "sql-connection-lost";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "sql-busy";
  if (code.startsWith("SQLITE_READONLY")) return "sql-read-only";
  if (/database connection is not open|unable to open database|cannot open database/i.test(errorMessage(e))) return "sql-unreachable";
  return null;
}

/** The `better-sqlite3` dialect. */
export const sqliteDialect: SqlDialect = {
  kind: "sqlite",
  supportsReturning: true,
  quote: (id) => `"${id.replaceAll('"', '""')}"`,
  param: () => "?",
  connect,
  async describeTable(session, schema, table): Promise<TableInfo | null> {
    const { rows } = await session.run("SELECT name AS n, type AS t FROM pragma_table_info(?, ?) ORDER BY cid", [table, schema ?? "main"]);
    if (!rows.length) return null;
    return { schema: schema ?? "main", name: table, columns: rows.map((r) => ({ name: String(r.n), dataType: String(r.t).toLowerCase() })) };
  },
  async listTables(session): Promise<TableName[]> {
    const { rows } = await session.run(`SELECT name AS n, type AS t FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT ${TABLE_LIST_LIMIT}`);
    return rows.map((r) => ({ schema: "main", name: String(r.n), kind: r.t === "view" ? "view" : "table" }));
  },
  connectivityCode,
  isConstraintViolation: (e) => errorCode(e)?.startsWith("SQLITE_CONSTRAINT") ?? false,
};
