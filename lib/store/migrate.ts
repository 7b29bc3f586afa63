// Applies the committed migrations (prisma/migrations/<provider>/*/migration.sql) at start and in
// tests, offline, without Prisma's native schema engine. Each migration runs in one transaction
// (SQLite and PostgreSQL both have transactional DDL), so a failure leaves nothing half-migrated.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors/app-error.ts";
import { resolveDatabaseUrl, type DatabaseTarget } from "./database-url.ts";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

// Next to this package, whatever the working directory (the CLI runs from anywhere).
const MIGRATIONS_ROOT = path.resolve(process.env.IDSYNC_MIGRATIONS_DIR ?? fileURLToPath(new URL("../../prisma/migrations", import.meta.url)));

export function listMigrations(provider: DatabaseTarget["provider"]): Migration[] {
  const dir = path.join(MIGRATIONS_ROOT, provider);
  if (!fs.existsSync(dir)) throw new AppError("MIGRATION_FAILED", `no migrations folder at ${dir}`);
  return fs
    .readdirSync(dir)
    .filter((d) => /^\d/.test(d))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_idsync_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

async function migrateSqlite(target: Extract<DatabaseTarget, { provider: "sqlite" }>): Promise<string[]> {
  const { default: Database } = await import("better-sqlite3");
  fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const db = new Database(target.file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(LEDGER);
    const done = new Set(db.prepare(`SELECT "name" FROM "_idsync_migrations"`).all().map((r) => (r as { name: string }).name));
    const applied: string[] = [];
    for (const m of listMigrations("sqlite")) {
      if (done.has(m.name)) continue;
      const run = db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_idsync_migrations" VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
      });
      try {
        run.immediate();
      } catch (e) {
        throw new AppError("MIGRATION_FAILED", `migration ${m.name} failed and was rolled back: ${(e as Error).message}`, { cause: e });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(target: Extract<DatabaseTarget, { provider: "postgres" }>): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new AppError("DATABASE_UNREACHABLE", `cannot reach PostgreSQL at ${redact(target.url)}: ${(e as Error).message}`, { cause: e });
  }
  try {
    // One migrator at a time across processes and hosts.
    await client.query("SELECT pg_advisory_lock(745211)");
    await client.query(LEDGER);
    const done = new Set((await client.query(`SELECT "name" FROM "_idsync_migrations"`)).rows.map((r) => r.name as string));
    const applied: string[] = [];
    for (const m of listMigrations("postgres")) {
      if (done.has(m.name)) continue;
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(`INSERT INTO "_idsync_migrations" VALUES ($1, $2, $3)`, [m.name, m.checksum, new Date().toISOString()]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw new AppError("MIGRATION_FAILED", `migration ${m.name} failed and was rolled back: ${(e as Error).message}`, { cause: e });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(745211)").catch(() => {});
    await client.end().catch(() => {});
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(target: DatabaseTarget = resolveDatabaseUrl()): Promise<string[]> {
  return target.provider === "sqlite" ? migrateSqlite(target) : migratePostgres(target);
}
