// MariaDB and MySQL through `mysql2`: one connection per session. Statements with values run as
// server-side prepared statements (execute); dates and big numbers come back as strings so nothing
// is rounded or shifted by a time zone.

import mysql from "mysql2/promise";
import { defaultPort, type SqlConfig } from "./sql-config.ts";
import { errorCode, errorMessage, socketCode, type SqlDialect, type SqlSession, type TableInfo, type TableName, TABLE_LIST_LIMIT } from "./sql-dialect.ts";

async function connect(config: SqlConfig): Promise<SqlSession> {
  const conn = await mysql.createConnection({
    host: config.host,
    port: config.port ?? defaultPort(config.dialect),
    database: config.database,
    user: config.user,
    password: config.password ?? "",
    ssl: config.ssl ? { rejectUnauthorized: false } : undefined,
    connectTimeout: config.connectTimeoutMs,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    multipleStatements: false,
    charset: "utf8mb4",
  });
  // A fatal error with no query pending is emitted; without a listener the process would crash.
  conn.on("error", () => undefined);
  return {
    async run(sql, params = []) {
      const [result] = params.length ? await conn.execute(sql, params as Parameters<typeof conn.execute>[1]) : await conn.query(sql);
      if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affected: result.length };
      return { rows: [], affected: (result as { affectedRows?: number }).affectedRows ?? 0 };
    },
    async close() {
      await conn.end().catch(() => conn.destroy());
    },
  };
}

/** errno of constraint violations: not null, duplicate key, foreign keys, check constraints. */
const CONSTRAINT_ERRNOS = new Set([1048, 1062, 1169, 1216, 1217, 1364, 1451, 1452, 1557, 1586, 3819, 4025]);

function errno(e: unknown): number | undefined {
  const n = (e as { errno?: unknown })?.errno;
  return typeof n === "number" ? n : undefined;
}

function connectivityCode(e: unknown): string | null {
  const n = errno(e);
  const code = errorCode(e);
  if (n === 1045 || n === 1044 || n === 1698) return "sql-auth-failed";
  if (n === 1049) return "sql-database-not-found";
  if (n === 1040 || n === 1053 || n === 1927 || n === 2006 || n === 2013) return n === 1040 ? "sql-unreachable" : "sql-connection-lost";
  if (code === "PROTOCOL_CONNECTION_LOST" || code === "PROTOCOL_SEQUENCE_TIMEOUT") return "sql-connection-lost";
  const socket = socketCode(e);
  if (socket) return socket;
  if ((e as { fatal?: unknown })?.fatal === true) return "sql-connection-lost";
  if (/closed state|connection lost|server has gone away/i.test(errorMessage(e))) return "sql-connection-lost";
  return null;
}

/** The `mysql2` dialect (MariaDB and MySQL). */
export const mysqlDialect: SqlDialect = {
  kind: "mysql",
  // MariaDB 10.5+ has INSERT ... RETURNING; MySQL does not, so generated anchors are not read back there.
  supportsReturning: false,
  quote: (id) => `\`${id.replaceAll("`", "``")}\``,
  param: () => "?",
  connect,
  async describeTable(session, schema, table): Promise<TableInfo | null> {
    const { rows } = await session.run(
      `SELECT TABLE_SCHEMA AS s, COLUMN_NAME AS n, COLUMN_TYPE AS t
         FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
        ORDER BY ORDINAL_POSITION`,
      [schema ?? null, table],
    );
    if (!rows.length) return null;
    return { schema: String(rows[0]!.s), name: table, columns: rows.map((r) => ({ name: String(r.n), dataType: String(r.t).toLowerCase() })) };
  },
  async listTables(session, schema): Promise<TableName[]> {
    const { rows } = await session.run(
      `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS n, TABLE_TYPE AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) ORDER BY TABLE_NAME LIMIT ${TABLE_LIST_LIMIT}`,
      [schema ?? null],
    );
    return rows.map((r) => ({ schema: String(r.s), name: String(r.n), kind: r.t === "VIEW" ? "view" : "table" }));
  },
  connectivityCode,
  isConstraintViolation: (e) => {
    const n = errno(e);
    return n !== undefined && CONSTRAINT_ERRNOS.has(n);
  },
};
