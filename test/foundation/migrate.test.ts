// lib/store/migrate.ts and npm run db:deploy: migrations apply on fresh SQLite and PostgreSQL databases,
// re-applying is a no-op, a failing migration leaves nothing behind, and bad settings get one clear line.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listMigrations, migrate } from "../../lib/store/migrate.ts";
import type { DatabaseTarget } from "../../lib/store/database-url.ts";
import { freshPostgres, freshSqlite, type FreshDatabase, type FreshSqlite } from "../support/databases.ts";

const EXPECTED_TABLES = ["User", "ManagementAgent", "CsObject", "MvObject", "MvValue", "Run", "_idsync_migrations"];

async function tablesOf(t: FreshDatabase): Promise<string[]> {
  if (t.provider === "sqlite") {
    const db = new Database((t as FreshSqlite).file, { readonly: true });
    try {
      return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  try {
    const { rows } = await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    return rows.map((r) => r.tablename as string);
  } finally {
    await c.end();
  }
}

function targetOf(t: FreshDatabase): DatabaseTarget {
  return "file" in t ? { provider: "sqlite", url: t.url, file: (t as FreshSqlite).file } : { provider: "postgres", url: t.url };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe.each([
  ["sqlite", freshSqlite],
  ["postgres", freshPostgres],
] as const)("migrate on %s", (provider, fresh) => {
  it("applies every committed migration to a fresh database, and a second run is a no-op", async () => {
    const t = await fresh();
    cleanups.push(t.cleanup);
    expect(t.applied).toEqual(listMigrations(provider).map((m) => m.name));
    expect(await tablesOf(t)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    const target = targetOf(t);
    expect(await migrate(target)).toEqual([]);
    expect(await migrate(target)).toEqual([]);
    expect(await t.db.user.count()).toBe(0);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-migrations-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    fs.cpSync(path.join("prisma/migrations", provider), path.join(dir, provider), { recursive: true });
    const broken = path.join(dir, provider, "99990101000000_broken");
    fs.mkdirSync(broken);
    fs.writeFileSync(
      path.join(broken, "migration.sql"),
      'CREATE TABLE "BrokenFirst" ("id" INTEGER);\nCREATE TABLE "BrokenSecond" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
    );

    const t = await fresh(); // migrated with the real migrations
    cleanups.push(t.cleanup);
    const saved = process.env.IDSYNC_MIGRATIONS_DIR;
    process.env.IDSYNC_MIGRATIONS_DIR = dir; // read by migrate.ts when it is imported
    vi.resetModules();
    try {
      const isolated = (await import("../../lib/store/migrate.ts")) as typeof import("../../lib/store/migrate.ts");
      const target = targetOf(t);
      await expect(isolated.migrate(target)).rejects.toMatchObject({
        code: "MIGRATION_FAILED",
        message: expect.stringMatching(/migration 99990101000000_broken failed and was rolled back/),
      });
    } finally {
      if (saved === undefined) delete process.env.IDSYNC_MIGRATIONS_DIR;
      else process.env.IDSYNC_MIGRATIONS_DIR = saved;
      vi.resetModules();
    }
    const tables = await tablesOf(t);
    expect(tables).not.toContain("BrokenFirst");
    expect(tables).not.toContain("BrokenSecond");
    expect(tables).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    const ledger = await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_idsync_migrations"`);
    expect(ledger.map((r) => r.name).sort()).toEqual(t.applied);
  });
});

describe("npm run db:deploy", () => {
  function deploy(databaseUrl: string): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve) => {
      execFile("npx", ["tsx", "scripts/db-deploy.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 }, (err, _stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stderr });
      });
    });
  }

  function expectOneLine(stderr: string, pattern: RegExp) {
    const lines = stderr.trim().split("\n");
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^idsync: /);
    expect(lines[0]).toMatch(pattern);
    expect(stderr).not.toMatch(/^\s+at /m);
  }

  it("rejects a URL of an unsupported database with one line naming DATABASE_URL", async () => {
    const r = await deploy("mysql://x");
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /DATABASE_URL must start with file: .* or postgres:\/\//);
  });

  it("reports an unreachable PostgreSQL with one line naming the server", async () => {
    const r = await deploy("postgres://nobody@127.0.0.1:1/x");
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /cannot reach PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/x.*check DATABASE_URL/);
  });

  it("migrates a new SQLite file, then finds nothing to do", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-deploy-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const url = `file:${path.join(dir, "sub", "idsync.db")}`;
    const first = await deploy(url);
    expect(first.code, first.stderr).toBe(0);
    for (const m of listMigrations("sqlite")) expect(first.stderr).toContain(`idsync: applied ${m.name}`);
    const second = await deploy(url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain("applied 2");
    expect(second.stderr).toMatch(/up to date \(0 migration/);
  });
});
