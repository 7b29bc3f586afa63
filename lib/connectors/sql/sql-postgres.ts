// PostgreSQL through `pg`: one Client per session. Values come back as the server's text (no
// parsing in the driver): sql-values.ts turns them into attribute strings by column type, and the
// raw text keeps watermarks exact (microsecond timestamps, bigint sequences).

import pg from "pg";
import { defaultPort, type SqlConfig } from "./sql-config.ts";
import { errorCode, errorMessage, socketCode, type SqlDialect, type SqlSession, type TableInfo, type TableName, TABLE_LIST_LIMIT } from "./sql-dialect.ts";

/** Every type as its text form. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

async function connect(config: SqlConfig): Promise<SqlSession> {
  const client = new pg.Client({
    host: config.host,
    port: config.port ?? defaultPort("postgres"),
    database: config.database,
    user: config.user,
    password: config.password ?? "",
    ssl: config.ssl ? { rejectUnauthorized: false } : undefined,
    connectionTimeoutMillis: config.connectTimeoutMs,
    application_name: "idsync",
    types: RAW_TEXT,
  });
  // A backend that goes away emits "error" on the client; the pending query rejects with it too.
  // Without a listener the process would crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  return {
    async run(sql, params = []) {
      const r = await client.query({ text: sql, values: params as unknown[] });
      return { rows: r.rows as Record<string, unknown>[], affected: r.rowCount ?? 0 };
    },
    close: () => client.end().catch(() => undefined),
  };
}

/** SQLSTATE classes and codes that mean the server cannot be used. */
function connectivityCode(e: unknown): string | null {
  const code = errorCode(e);
  if (code === "28P01" || code === "28000") return "sql-auth-failed";
  if (code === "3D000") return "sql-database-not-found";
  if (code === "53300" || code === "57P03") return "sql-unreachable";
  if (code?.startsWith("08") || code === "57P01" || code === "57P02") return "sql-connection-lost";
  const socket = socketCode(e);
  if (socket) return socket;
  if (/connection terminated|not queryable|connection timeout|timeout expired/i.test(errorMessage(e))) return "sql-connection-lost";
  return null;
}

/** The `pg` dialect. */
export const postgresDialect: SqlDialect = {
  kind: "postgres",
  supportsReturning: true,
  quote: (id) => `"${id.replaceAll('"', '""')}"`,
  param: (i) => `$${i}`,
  connect,
  async describeTable(session, schema, table): Promise<TableInfo | null> {
    const { rows } = await session.run(
      `SELECT c.table_schema AS s, c.column_name AS n, c.data_type AS t, c.udt_name AS u
         FROM information_schema.columns c
        WHERE c.table_schema = COALESCE($1, current_schema()) AND c.table_name = $2
        ORDER BY c.ordinal_position`,
      [schema ?? null, table],
    );
    if (!rows.length) return null;
    return {
      schema: String(rows[0]!.s),
      name: table,
      // ARRAY and USER-DEFINED say little: the udt name (_text, citext, ...) says more.
      columns: rows.map((r) => ({ name: String(r.n), dataType: String(r.t === "ARRAY" || r.t === "USER-DEFINED" ? r.u : r.t).toLowerCase() })),
    };
  },
  async listTables(session, schema): Promise<TableName[]> {
    const { rows } = await session.run(
      `SELECT table_schema AS s, table_name AS n, table_type AS t FROM information_schema.tables
        WHERE ($1::text IS NULL AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%') OR table_schema = $1
        ORDER BY table_schema = current_schema() DESC, table_schema, table_name LIMIT ${TABLE_LIST_LIMIT}`,
      [schema ?? null],
    );
    return rows.map((r) => ({ schema: String(r.s), name: String(r.n), kind: r.t === "VIEW" ? "view" : "table" }));
  },
  connectivityCode,
  isConstraintViolation: (e) => errorCode(e)?.startsWith("23") ?? false,
};
