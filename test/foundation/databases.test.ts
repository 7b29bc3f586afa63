// test/support/databases.ts itself: each provider gets a fresh, migrated database the client can use,
// and cleanup removes it.
import fs from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { forEachProvider, freshPostgres, freshSqlite, TEST_PG_ADMIN_URL } from "../support/databases.ts";

forEachProvider((ctx) => {
  it("hands out a migrated database the Prisma client can write and read", async () => {
    const username = `u-${ctx.provider}-${Date.now()}`;
    await ctx.db.user.create({ data: { username, passwordHash: "x", role: "admin" } });
    const found = await ctx.db.user.findUnique({ where: { username } });
    expect(found).toMatchObject({ username, role: "admin", disabled: false });
  });

  it("gives each fresh() call its own empty database", async () => {
    const other = await ctx.fresh();
    try {
      expect(other.url).not.toBe(ctx.url);
      expect(await other.db.user.count()).toBe(0);
    } finally {
      await other.cleanup();
    }
  });
});

describe("cleanup", () => {
  it("deletes the SQLite file", async () => {
    const t = await freshSqlite();
    expect(t.applied.length).toBeGreaterThan(0);
    expect(fs.existsSync(t.file)).toBe(true);
    await t.cleanup();
    expect(fs.existsSync(t.file)).toBe(false);
  });

  it("drops the PostgreSQL database, even with a connection still open", async () => {
    const t = await freshPostgres();
    const name = new URL(t.url).pathname.slice(1);
    expect(name).toMatch(/^idsync_t_[0-9a-f]{12}$/);
    const stray = new pg.Client({ connectionString: t.url });
    await stray.connect();
    stray.on("error", () => {}); // the forced drop terminates it
    await t.cleanup();
    await stray.end().catch(() => {});
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      expect(rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
