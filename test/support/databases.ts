// Fresh, migrated databases for integration tests: a new SQLite file, or a new PostgreSQL database on the
// machine's server (127.0.0.1:5432, user postgres; override with IDSYNC_TEST_PG_URL). Migrations are
// applied by lib/store/migrate.ts, the same code the app runs at start; the client comes from createDb.
// Use forEachProvider(...) to run one describe block against both providers.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { closeSqlDriver } from "../../lib/store/sql-driver.ts";
import { createDb, type Db } from "../../lib/store/db.ts";
import { migrate } from "../../lib/store/migrate.ts";

export type Provider = "sqlite" | "postgres";
export const PROVIDERS: readonly Provider[] = ["sqlite", "postgres"];

export interface FreshDatabase {
  provider: Provider;
  url: string;
  db: Db;
  /** Names of the migrations applied to it. */
  applied: string[];
  cleanup(): Promise<void>;
}

export interface FreshSqlite extends FreshDatabase {
  provider: "sqlite";
  file: string;
}

/** The PostgreSQL server the tests use: a maintenance database on it, used to CREATE/DROP test databases. */
export const TEST_PG_ADMIN_URL = process.env.IDSYNC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function databaseUrl(name: string): string {
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `cannot reach the test PostgreSQL at ${TEST_PG_ADMIN_URL} (${(e as Error).message}); ` +
        "start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set IDSYNC_TEST_PG_URL",
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A new temporary SQLite file with every migration applied. */
export async function freshSqlite(): Promise<FreshSqlite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-t-"));
  const file = path.join(dir, "idsync.db");
  const url = `file:${file}`;
  const applied = await migrate({ provider: "sqlite", url, file });
  const db = createDb({ provider: "sqlite", url, file });
  return {
    provider: "sqlite",
    url,
    file,
    db,
    applied,
    async cleanup() {
      await db.$disconnect().catch(() => {});
      await closeSqlDriver(url);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new PostgreSQL database idsync_t_<random> with every migration applied; cleanup drops it. */
export async function freshPostgres(): Promise<FreshDatabase> {
  const name = `idsync_t_${crypto.randomBytes(6).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  const drop = () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  let applied: string[];
  try {
    applied = await migrate({ provider: "postgres", url });
  } catch (e) {
    await drop().catch(() => {});
    throw e;
  }
  const db = createDb({ provider: "postgres", url });
  return {
    provider: "postgres",
    url,
    db,
    applied,
    async cleanup() {
      await db.$disconnect().catch(() => {});
      await closeSqlDriver(url);
      await drop();
    },
  };
}

export function freshDatabase(provider: Provider): Promise<FreshDatabase> {
  return provider === "sqlite" ? freshSqlite() : freshPostgres();
}

/** What a forEachProvider block sees: the database made for the block (valid inside tests and hooks). */
export interface ProviderContext {
  readonly provider: Provider;
  readonly db: Db;
  readonly url: string;
  /** Another fresh database of the same provider; the caller cleans it up. */
  fresh(): Promise<FreshDatabase>;
}

/**
 * Runs `fn` inside describe("sqlite") and describe("postgres"); each block gets one fresh database
 * (created in beforeAll, dropped in afterAll). Tests in a block share it: use unique keys per test,
 * or call ctx.fresh() for isolation.
 */
export function forEachProvider(fn: (ctx: ProviderContext) => void): void {
  for (const provider of PROVIDERS) {
    describe(provider, () => {
      let current: FreshDatabase | undefined;
      const need = () => {
        if (!current) throw new Error(`the ${provider} test database is not ready: use ctx.db inside tests or hooks`);
        return current;
      };
      beforeAll(async () => {
        current = await freshDatabase(provider);
      });
      afterAll(async () => {
        await current?.cleanup();
        current = undefined;
      });
      fn({
        provider,
        get db() {
          return need().db;
        },
        get url() {
          return need().url;
        },
        fresh: () => freshDatabase(provider),
      });
    });
  }
}
