// A minimal SQL driver for the engine's store: better-sqlite3 (with a statement cache) or a pg
// pool. The engine's hot paths go through it instead of the Prisma client because Prisma's
// per-row and per-query overhead (measured: ~0.3 ms a query, ~0.4 ms a created row) caps a sync at
// about a thousand objects a second; the app's pages and services keep using Prisma.
// SQL is written once with `?` placeholders; the pg driver numbers them.
import { AppError } from "../errors/app-error.ts";
import type { DatabaseTarget } from "./database-url.ts";

export type Dialect = "sqlite" | "postgres";

export interface SqlDriver {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
  /** one statement executed for each parameter row (SQLite: a cached prepared statement, no round trips). */
  runMany?(sql: string, rows: unknown[][]): Promise<void>;
  /** runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: (driver: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Serializes users of the single SQLite connection so two runs never share a transaction. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
}

type SqliteDb = import("better-sqlite3").Database;
type SqliteStmt = import("better-sqlite3").Statement;

function sqliteParam(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

class SqliteDriver implements SqlDriver {
  readonly dialect = "sqlite" as const;
  private readonly cache = new Map<string, SqliteStmt>();
  private readonly mutex = new Mutex();

  constructor(private readonly db: SqliteDb) {}

  private stmt(sql: string): SqliteStmt {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  /** statements outside a transaction still wait for one in progress. */
  private async locked<T>(fn: () => T): Promise<T> {
    const release = await this.mutex.lock();
    try {
      return fn();
    } finally {
      release();
    }
  }

  rawAll<T>(sql: string, params: unknown[] = []): T[] {
    return this.stmt(sql).all(...params.map(sqliteParam)) as T[];
  }

  rawRun(sql: string, params: unknown[] = []): number {
    return this.stmt(sql).run(...params.map(sqliteParam)).changes;
  }

  rawRunMany(sql: string, rows: unknown[][]): void {
    const stmt = this.stmt(sql);
    for (const r of rows) stmt.run(...r.map(sqliteParam));
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.locked(() => this.rawAll<T>(sql, params));
  }

  runMany(sql: string, rows: unknown[][]): Promise<void> {
    // Outside a transaction each row would be its own commit: wrap the rows in one.
    return this.locked(() => this.db.transaction(() => this.rawRunMany(sql, rows)).immediate());
  }

  run(sql: string, params: unknown[] = []): Promise<number> {
    return this.locked(() => this.rawRun(sql, params));
  }

  async transaction<T>(fn: (driver: SqlDriver) => Promise<T>): Promise<T> {
    const release = await this.mutex.lock();
    const inner: SqlDriver = {
      dialect: "sqlite",
      all: async <R>(sql: string, params?: unknown[]) => this.rawAll<R>(sql, params),
      run: async (sql: string, params?: unknown[]) => this.rawRun(sql, params),
      runMany: async (sql: string, rows: unknown[][]) => this.rawRunMany(sql, rows),
      transaction: (f) => f(inner),
      close: async () => {},
    };
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const out = await fn(inner);
        this.db.exec("COMMIT");
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

type PgPool = import("pg").Pool;
type PgClient = import("pg").PoolClient;

const numbered = new Map<string, string>();
function pgSql(sql: string): string {
  let out = numbered.get(sql);
  if (!out) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 2000) numbered.clear();
    numbered.set(sql, out);
  }
  return out;
}

class PgDriver implements SqlDriver {
  readonly dialect = "postgres" as const;
  constructor(
    private readonly pool: PgPool,
    private readonly client?: PgClient,
  ) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await (this.client ?? this.pool).query(pgSql(sql), params);
    return r.rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const r = await (this.client ?? this.pool).query(pgSql(sql), params);
    return r.rowCount ?? 0;
  }

  async transaction<T>(fn: (driver: SqlDriver) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Engine transactions touch the shared metaverse: workers on several hosts take turns per batch.
      await client.query("SELECT pg_advisory_xact_lock(745212)");
      const out = await fn(new PgDriver(this.pool, client));
      await client.query("COMMIT");
      return out;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const drivers = new Map<string, Promise<SqlDriver>>();

async function open(target: DatabaseTarget): Promise<SqlDriver> {
  if (target.provider === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(target.file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 30000");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -65536"); // 64 MB of pages: index-heavy batches stay in memory
    db.pragma("temp_store = MEMORY");
    return new SqliteDriver(db);
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: target.url, max: 8 });
  // pg parses timestamps into Dates and int8 into strings; the engine reads neither from here.
  pool.on("error", () => {});
  return new PgDriver(pool);
}

/** The process-wide driver for a database (one SQLite connection, or one pg pool, per URL). */
export function sqlDriverFor(target: DatabaseTarget): Promise<SqlDriver> {
  let d = drivers.get(target.url);
  if (!d) {
    d = open(target).catch((e: unknown) => {
      drivers.delete(target.url);
      throw new AppError("DATABASE_UNREACHABLE", `cannot open the database for the engine: ${(e as Error).message}`, { cause: e });
    });
    drivers.set(target.url, d);
  }
  return d;
}

/** Closes every driver (tests and CLI exit). */
export async function closeSqlDrivers(): Promise<void> {
  const all = [...drivers.values()];
  drivers.clear();
  for (const d of all) await (await d).close().catch(() => {});
}

/** Closes the driver of one database (tests drop their databases afterwards). */
export async function closeSqlDriver(url: string): Promise<void> {
  const d = drivers.get(url);
  drivers.delete(url);
  if (d) await (await d).close().catch(() => {});
}
