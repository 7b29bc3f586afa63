// What the SQL connector needs of a database driver: one connection that runs parameterised SQL,
// identifier quoting, column discovery and the classification of errors. One file per dialect
// (sql-postgres.ts, sql-mysql.ts, sql-sqlite.ts) implements it.

import { ConnectivityError } from "../../engine/connector.ts";
import { describeTarget, type SqlConfig } from "./sql-config.ts";

/** A result row: column name -> the driver's value. */
export type Row = Record<string, unknown>;

/** The outcome of one statement. */
export interface RunResult {
  rows: Row[];
  /** rows inserted/updated/deleted (matched rows for updates). */
  affected: number;
}

/** One open connection. Values always travel as parameters; identifiers come quoted by the dialect. */
export interface SqlSession {
  run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
  close(): Promise<void>;
}

/** A column as the database's catalog describes it. */
export interface ColumnInfo {
  name: string;
  /** the catalog's type name, lower-cased (int4, varchar, tinyint(1), TEXT ...). */
  dataType: string;
}

/** A table or view found in the catalog. */
export interface TableInfo {
  /** the schema (postgres), database (mysql) or `main` (sqlite) it lives in. */
  schema: string;
  name: string;
  columns: ColumnInfo[];
}

/** A table or view a login can read, as the Designer lists them. */
export interface TableName {
  schema: string;
  name: string;
  kind: "table" | "view";
}

/** At most this many tables are listed (a catalog of thousands is not a pick list). */
export const TABLE_LIST_LIMIT = 500;

export type DialectKind = "postgres" | "mysql" | "sqlite";

/** A database dialect: driver, quoting, catalog and error codes. */
export interface SqlDialect {
  readonly kind: DialectKind;
  /** quotes an identifier (already checked against the catalog by the caller). */
  quote(identifier: string): string;
  /** the placeholder of parameter `index` (1-based): $1 or ?. */
  param(index: number): string;
  /** opens a connection; throws the driver's error (wrap it with sqlFailure). */
  connect(config: SqlConfig): Promise<SqlSession>;
  /** the table or view `table` in `schema` (default: the connection's), or null when it does not exist. */
  describeTable(session: SqlSession, schema: string | undefined, table: string): Promise<TableInfo | null>;
  /** the tables and views of `schema` (default: postgres every schema but the system ones, mysql the connection's database), by name. */
  listTables(session: SqlSession, schema: string | undefined): Promise<TableName[]>;
  /** a ConnectivityError code when `e` means the server cannot be used (down, gone, refused login), else null. */
  connectivityCode(e: unknown): string | null;
  /** true when `e` is a constraint violation (unique, not null, foreign key, check). */
  isConstraintViolation(e: unknown): boolean;
  /** INSERT ... RETURNING is available. */
  readonly supportsReturning: boolean;
}

/** Removes the password from a driver message, in case a driver ever echoes it. */
function scrub(message: string, config: SqlConfig): string {
  const p = config.password;
  return p && p.length >= 4 ? message.split(p).join("********") : message;
}

/** The driver's message of an error (AggregateError from a dual-stack connect included). */
export function errorMessage(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return e.errors.map((x) => errorMessage(x)).join("; ");
  if (e instanceof Error) return e.message || (e as { code?: string }).code || e.name;
  return String(e);
}

/** The error code a driver attached (pg: SQLSTATE, mysql2: ER_*, better-sqlite3: SQLITE_*, node: E*). */
export function errorCode(e: unknown): string | undefined {
  if (e instanceof AggregateError) return errorCode(e.errors[0]);
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

/** Node's socket-level failures, the same for every network driver. */
export function socketCode(e: unknown): string | null {
  const code = errorCode(e);
  if (!code) return null;
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT", "ETIMEOUT"].includes(code)) return "sql-unreachable";
  if (["ECONNRESET", "EPIPE", "ECONNABORTED"].includes(code)) return "sql-connection-lost";
  return null;
}

/**
 * A failure that stops the step, as a ConnectivityError naming the system and what was being done:
 * the dialect's connectivity code (sql-auth-failed, sql-unreachable, sql-connection-lost, ...) or
 * `fallback` for any other database error. The password never appears in the message.
 */
export function sqlFailure(dialect: SqlDialect, config: SqlConfig, e: unknown, doing: string, fallback = "sql-query-failed"): ConnectivityError {
  if (e instanceof ConnectivityError) return e;
  const code = dialect.connectivityCode(e) ?? fallback;
  return new ConnectivityError(code, `${describeTarget(config)}: ${doing}: ${scrub(errorMessage(e), config)}`, { cause: e });
}
