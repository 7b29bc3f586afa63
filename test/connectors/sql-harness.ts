// Sandboxes for the SQL connector tests: a fresh PostgreSQL schema, MariaDB database or SQLite file
// per test (dropped by cleanup), a raw admin connection to fill it, and the people/people_values
// tables the conformance suite and the connector tests use.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterEach } from "vitest";
import { sqlConnectorType } from "../../lib/connectors/sql/sql-connector.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { AttrValues } from "../../lib/engine/types.ts";
import { freshDatabase, type FreshDatabase } from "../support/databases.ts";
import { PERSON, Scenario } from "../engine/scenario-kit.ts";

export type TestDialect = "postgres" | "mariadb" | "sqlite";
export const TEST_DIALECTS: readonly TestDialect[] = ["postgres", "mariadb", "sqlite"];

export interface SqlSandbox {
  dialect: TestDialect;
  /** connection settings of the sandbox (merge table settings into it). */
  connection: Record<string, unknown>;
  /** runs SQL with `?` placeholders on an admin connection inside the sandbox. */
  exec(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** the dialect's quoting of an identifier. */
  q(id: string): string;
  cleanup(): Promise<void>;
}

const PG_URL = "postgres://postgres@127.0.0.1:5432/test";
const suffix = () => crypto.randomBytes(5).toString("hex");

function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

async function postgresSandbox(): Promise<SqlSandbox> {
  const schema = `idsync_sql_${suffix()}`;
  const client = new pg.Client({ connectionString: PG_URL });
  client.on("error", () => undefined);
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
  return {
    dialect: "postgres",
    connection: { dialect: "postgres", host: "127.0.0.1", port: 5432, database: "test", user: "postgres", schema },
    exec: async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
    q: (id) => `"${id.replaceAll('"', '""')}"`,
    async cleanup() {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

async function mariadbSandbox(): Promise<SqlSandbox> {
  const database = `idsync_sql_${suffix()}`;
  const conn = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  conn.on("error", () => undefined);
  await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await conn.query(`USE \`${database}\``);
  return {
    dialect: "mariadb",
    connection: { dialect: "mariadb", host: "127.0.0.1", port: 3306, database, user: "root" },
    exec: async (sql, params = []) => {
      const [rows] = await conn.query(sql, params);
      return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    },
    q: (id) => `\`${id.replaceAll("`", "``")}\``,
    async cleanup() {
      await conn.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
      await conn.end().catch(() => undefined);
    },
  };
}

async function sqliteSandbox(): Promise<SqlSandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-sql-"));
  const file = path.join(dir, "hr.db");
  const db = new Database(file);
  return {
    dialect: "sqlite",
    connection: { dialect: "sqlite", file },
    exec: async (sql, params = []) => {
      const s = db.prepare(sql);
      if (s.reader) return s.all(...params) as Record<string, unknown>[];
      s.run(...params);
      return [];
    },
    q: (id) => `"${id.replaceAll('"', '""')}"`,
    async cleanup() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty sandbox of `dialect`. */
export function sqlSandbox(dialect: TestDialect): Promise<SqlSandbox> {
  return dialect === "postgres" ? postgresSandbox() : dialect === "mariadb" ? mariadbSandbox() : sqliteSandbox();
}

/**
 * Sandboxes and connectors of a test file's tests, all closed and dropped after each test:
 * `const { sandbox, connect } = sqlTestBed();` then `s = await sandbox(dialect)`, `connect(config)`.
 */
export function sqlTestBed(): { sandbox(dialect: TestDialect): Promise<SqlSandbox>; connect(config: Record<string, unknown>): Connector } {
  const sandboxes: SqlSandbox[] = [];
  const open: Connector[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
    for (const sb of sandboxes.splice(0)) await sb.cleanup();
  });
  return {
    async sandbox(dialect) {
      const sb = await sqlSandbox(dialect);
      sandboxes.push(sb);
      return sb;
    },
    connect(config) {
      const c = sqlConnectorType.create(sqlConnectorType.configSchema.parse(config));
      open.push(c);
      return c;
    },
  };
}

/** Column types per dialect: [text, timestamp-with-default]. */
function types(d: TestDialect): { text: string; stamp: string } {
  if (d === "postgres") return { text: "varchar(200)", stamp: "timestamptz NOT NULL DEFAULT clock_timestamp()" };
  if (d === "mariadb") return { text: "varchar(200)", stamp: "timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)" };
  return { text: "TEXT", stamp: "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))" };
}

/** people(uid PK, displayName, title, updated_at) and people_values(uid, attribute, value). */
export async function createPeopleTables(s: SqlSandbox): Promise<void> {
  const { text, stamp } = types(s.dialect);
  await s.exec(`CREATE TABLE people (uid ${text} NOT NULL PRIMARY KEY, ${s.q("displayName")} ${text}, title ${text}, updated_at ${stamp})`);
  await s.exec(`CREATE TABLE people_values (uid ${text} NOT NULL, attribute ${text} NOT NULL, value ${text} NOT NULL)`);
  await s.exec("CREATE INDEX people_values_uid ON people_values (uid)");
}

/** Replaces the people with `objects` (uid and displayName columns, every other attribute in people_values). */
export async function seedPeople(s: SqlSandbox, objects: AttrValues[]): Promise<void> {
  await s.exec("DELETE FROM people_values");
  await s.exec("DELETE FROM people");
  for (const o of objects) {
    const uid = o.uid![0]!;
    await s.exec(`INSERT INTO people (uid, ${s.q("displayName")}, title) VALUES (?, ?, ?)`, [uid, o.displayName?.[0] ?? null, o.title?.[0] ?? null]);
    for (const [name, values] of Object.entries(o)) {
      if (["uid", "displayName", "title"].includes(name)) continue;
      for (const v of values) await s.exec("INSERT INTO people_values (uid, attribute, value) VALUES (?, ?, ?)", [uid, name, v]);
    }
  }
}

/** The config of the people tables in a sandbox. */
export function peopleConfig(s: SqlSandbox, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...s.connection,
    table: "people",
    anchor: "uid",
    dnTemplate: "uid={uid},ou=people,dc=example,dc=com",
    multiValueTable: "people_values",
    deltaMode: "column",
    deltaColumn: "updated_at",
    ...extra,
  };
}

/** The engine over a SQL source: a fresh SQLite store with the person model, a Scenario, and a sandbox of `dialect`. */
export interface SqlEngineWorkspace {
  fresh: FreshDatabase;
  s: Scenario;
  src: SqlSandbox;
  cleanup(): Promise<void>;
}

export async function sqlEngineWorkspace(dialect: TestDialect): Promise<SqlEngineWorkspace> {
  const fresh = await freshDatabase("sqlite");
  const s = new Scenario(fresh.db);
  await s.model(PERSON);
  const src = await sqlSandbox(dialect);
  return {
    fresh,
    s,
    src,
    async cleanup() {
      await src.cleanup();
      await fresh.cleanup();
    },
  };
}
