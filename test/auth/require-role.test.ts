// requireRole, guardedRoute and guardedAction against a real SQLite database; only next-auth's
// session lookup is replaced (there is no HTTP request in a unit test).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));

import { guardedAction, guardedRoute } from "../../lib/auth/guarded.ts";
import { requireRole } from "../../lib/auth/require-role.ts";
import { createOrUpdateUser, ensureFirstAdmin, verifyCredentials } from "../../lib/services/users.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";

let fresh: FreshSqlite;
const ids: Record<string, string> = {};

beforeAll(async () => {
  process.env.IDSYNC_BCRYPT_COST = "4";
  fresh = await freshSqlite();
  process.env.DATABASE_URL = fresh.url;
  ids.admin = (await createOrUpdateUser({ username: "root", password: "Admin-Passw0rd!", role: "admin" }, "test", fresh.db)).id;
  ids.helpdesk = (await createOrUpdateUser({ username: "hd", password: "Helpdesk-Passw0rd!", role: "helpdesk" }, "test", fresh.db)).id;
  ids.disabled = (await createOrUpdateUser({ username: "gone", password: "Gone-Passw0rd!", role: "admin" }, "test", fresh.db)).id;
  await fresh.db.user.update({ where: { id: ids.disabled }, data: { disabled: true } });
});

afterAll(async () => {
  await fresh?.cleanup();
});

beforeEach(() => {
  session.current = null;
});

const as = (who: keyof typeof ids) => {
  session.current = { user: { id: ids[who]! } };
};

describe("requireRole", () => {
  it("rejects an anonymous caller with UNAUTHENTICATED", async () => {
    await expect(requireRole("helpdesk")).rejects.toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
  });

  it("rejects helpdesk from admin things with FORBIDDEN and lets it do helpdesk things", async () => {
    as("helpdesk");
    await expect(requireRole("admin")).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(requireRole("helpdesk")).resolves.toMatchObject({ username: "hd", role: "helpdesk" });
  });

  it("lets admin do everything", async () => {
    as("admin");
    await expect(requireRole("admin")).resolves.toMatchObject({ username: "root", role: "admin" });
    await expect(requireRole("helpdesk")).resolves.toMatchObject({ username: "root" });
  });

  it("reads the user fresh: a disabled user's session no longer counts", async () => {
    as("disabled");
    await expect(requireRole("helpdesk")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("applies a role change at once, without a new sign-in", async () => {
    const { id } = await createOrUpdateUser({ username: "mover", password: "Mover-Passw0rd!", role: "admin" }, "test", fresh.db);
    session.current = { user: { id } };
    await expect(requireRole("admin")).resolves.toMatchObject({ role: "admin" });
    await createOrUpdateUser({ username: "mover", password: "Mover-Passw0rd!", role: "helpdesk" }, "test", fresh.db);
    await expect(requireRole("admin")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("guardedRoute", () => {
  const route = guardedRoute("admin", async (_req, user) => ({ hello: user.username }));
  const call = () => route(new Request("http://x/api/t"), {});

  it("answers 401 and 403 as JSON {code, message}", async () => {
    let res = await call();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED", message: expect.any(String) });
    as("helpdesk");
    res = await call();
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "FORBIDDEN" });
  });

  it("returns the handler's value as JSON for the right role", async () => {
    as("admin");
    const res = await call();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: "root" });
  });

  it("hides an unexpected error's message behind INTERNAL", async () => {
    as("admin");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = guardedRoute("admin", async () => {
      throw new Error("secret detail");
    });
    const res = await boom(new Request("http://x/"), {});
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("INTERNAL");
    expect(body.message).not.toContain("secret detail");
  });
});

describe("guardedAction", () => {
  const schema = z.object({ name: z.string().min(3, "at least 3 characters") });

  it("checks the role before it validates", async () => {
    as("helpdesk");
    const r = await guardedAction("admin", schema, { name: "x" }, async () => "never");
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("returns field errors for bad input and data for good input", async () => {
    as("admin");
    const bad = await guardedAction("admin", schema, { name: "x" }, async () => "never");
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { name: ["at least 3 characters"] } });
    const good = await guardedAction("admin", schema, { name: "xyz" }, async (d, u) => `${d.name} by ${u.username}`);
    expect(good).toEqual({ ok: true, data: "xyz by root" });
  });
});

describe("users", () => {
  it("verifies credentials: right password only, never for a disabled user", async () => {
    expect(await verifyCredentials("root", "Admin-Passw0rd!")).toMatchObject({ username: "root", role: "admin" });
    expect(await verifyCredentials("root", "wrong-password")).toBeNull();
    expect(await verifyCredentials("nobody", "Admin-Passw0rd!")).toBeNull();
    expect(await verifyCredentials("gone", "Gone-Passw0rd!")).toBeNull();
  });

  it("writes an audit event without the password", async () => {
    const events = await fresh.db.auditEvent.findMany({ where: { target: "hd" } });
    expect(events.map((e) => e.action)).toContain("user.create");
    expect(JSON.stringify(events)).not.toContain("Helpdesk-Passw0rd!");
  });

  it("rejects a bad username or role with INVALID_INPUT", async () => {
    await expect(createOrUpdateUser({ username: "has space", password: "Long-enough-1", role: "admin" }, "t", fresh.db)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createOrUpdateUser({ username: "ok", password: "Long-enough-1", role: "root" as "admin" }, "t", fresh.db)).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("ensureFirstAdmin", () => {
  it("creates the first admin from IDSYNC_ADMIN_PASSWORD, or a random one, and only once", async () => {
    const empty = await freshSqlite();
    try {
      const first = await ensureFirstAdmin({ IDSYNC_ADMIN_PASSWORD: "First-Admin-1" }, empty.db);
      expect(first).toEqual({ status: "created", username: "admin", password: "First-Admin-1", generated: false });
      expect(await ensureFirstAdmin({}, empty.db)).toEqual({ status: "exists" });
    } finally {
      await empty.cleanup();
    }
    const other = await freshSqlite();
    try {
      const r = await ensureFirstAdmin({ IDSYNC_ADMIN_USER: "boss" }, other.db);
      expect(r).toMatchObject({ status: "created", username: "boss", generated: true });
      if (r.status !== "created") throw new Error("unreachable");
      expect(r.password.length).toBeGreaterThanOrEqual(20);
      const row = await other.db.user.findUniqueOrThrow({ where: { username: "boss" } });
      expect(row.role).toBe("admin");
      expect(row.passwordHash).not.toContain(r.password);
    } finally {
      await other.cleanup();
    }
  });
});
