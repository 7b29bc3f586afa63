// The Prisma client for the configured database. lib/store is the only code that imports it.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "../../generated/postgres/client.ts";
import { resolveDatabaseUrl, type DatabaseTarget } from "./database-url.ts";

/** Both generated clients expose the same model API (one data model); we type against SQLite's. */
export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(target: DatabaseTarget = resolveDatabaseUrl()): Db {
  const client =
    target.provider === "sqlite"
      ? new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.url, timeout: 30_000 }) })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) }) as unknown as Db);
  // Raw SQL in lib/store needs the dialect; the client does not say which it speaks.
  Object.defineProperty(client, TARGET, { value: target, enumerable: false });
  return client;
}

const TARGET = Symbol.for("idsync.database-target");

/** The database a client made by createDb talks to (the engine's SQL driver opens the same one). */
export function targetOf(db: Db): DatabaseTarget {
  const t = (db as unknown as Record<symbol, DatabaseTarget | undefined>)[TARGET];
  if (!t) throw new Error("this Prisma client was not made by createDb()");
  return t;
}

const globalForDb = globalThis as unknown as { idsyncDb?: { db: Db; url: string } };

/** The process-wide client (reused across Next.js hot reloads). */
export function getDb(): Db {
  const target = resolveDatabaseUrl();
  if (!globalForDb.idsyncDb || globalForDb.idsyncDb.url !== target.url) {
    globalForDb.idsyncDb = { db: createDb(target), url: target.url };
  }
  return globalForDb.idsyncDb.db;
}

export function providerOf(): DatabaseTarget["provider"] {
  return resolveDatabaseUrl().provider;
}
