// The REST API (/api/v1) through its route handlers, against a real SQLite database: API tokens
// (401 without, unknown or revoked; 403 for the wrong role), each endpoint, and the OpenAPI document.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as setPassword } from "../../app/api/v1/identities/[mvId]/password/route.ts";
import { GET as searchMv } from "../../app/api/v1/metaverse/route.ts";
import { GET as openapi } from "../../app/api/v1/openapi.json/route.ts";
import { GET as getRun } from "../../app/api/v1/runs/[runId]/route.ts";
import { POST as startRun } from "../../app/api/v1/runs/route.ts";
import { POST as stopRun } from "../../app/api/v1/runs/[runId]/stop/route.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../../lib/services/api-tokens.ts";
import { admin, consoleWorld, helpdesk, waitForRun, type ConsoleWorld } from "./console-kit.ts";

const call = (url: string, token: string | null, init: RequestInit = {}) =>
  new Request(`http://localhost${url}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json", ...(init.headers ?? {}) } });
const post = (url: string, token: string | null, body: unknown) => call(url, token, { method: "POST", body: JSON.stringify(body) });
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

describe("REST API /api/v1", () => {
  let w: ConsoleWorld;
  let adminToken: string;
  let deskToken: string;
  let previousUrl: string | undefined;

  beforeAll(async () => {
    w = await consoleWorld("api-v1");
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = w.fresh.url;
    process.env.IDSYNC_BCRYPT_COST = "4";
    adminToken = (await createApiToken(admin, { name: "deploy script", role: "admin" }, w.db)).token;
    deskToken = (await createApiToken(admin, { name: "ticket system", role: "helpdesk" }, w.db)).token;
  });
  afterAll(async () => {
    process.env.DATABASE_URL = previousUrl;
    await w?.cleanup();
  });

  it("only admins manage tokens; the list never holds the secret", async () => {
    await expect(createApiToken(helpdesk, { name: "x", role: "admin" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const list = await listApiTokens(admin, w.db);
    expect(list.map((t) => t.name).sort()).toEqual(["deploy script", "ticket system"]);
    expect(JSON.stringify(list)).not.toContain(adminToken);
    expect(adminToken.startsWith(list.find((t) => t.name === "deploy script")!.prefix)).toBe(true);
    const row = await w.db.apiToken.findFirstOrThrow({ where: { name: "deploy script" } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(adminToken);
  });

  it("refuses a call without a token, with an unknown token and with the wrong role", async () => {
    const none = await startRun(post("/api/v1/runs", null, { ma: "HR", profile: "Full Import and Sync" }), undefined);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await none.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await startRun(post("/api/v1/runs", "idsync_notatoken", { ma: "HR", profile: "x" }), undefined)).status).toBe(401);
    const wrongRole = await startRun(post("/api/v1/runs", deskToken, { ma: "HR", profile: "Full Import and Sync" }), undefined);
    expect(wrongRole.status).toBe(403);
    expect(await wrongRole.json()).toMatchObject({ code: "FORBIDDEN" });
  });

  it("starts a run profile (trigger api) and reads its status and statistics", async () => {
    const bad = await startRun(post("/api/v1/runs", adminToken, { ma: "HR" }), undefined);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("profile") });
    expect((await startRun(post("/api/v1/runs", adminToken, { ma: "Nope", profile: "x" }), undefined)).status).toBe(404);

    const res = await startRun(post("/api/v1/runs", adminToken, { ma: "HR", profile: "Full Import and Sync" }), undefined);
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    expect(await waitForRun(w.db, runId)).toBe("success");
    const read = await getRun(call(`/api/v1/runs/${runId}`, deskToken), params({ runId }));
    expect(read.status).toBe(200);
    const { run } = (await read.json()) as { run: { status: string; trigger: string; startedBy: string; steps: { type: string; stats: Record<string, number> }[] } };
    expect(run).toMatchObject({ status: "success", trigger: "api", startedBy: "api:deploy script" });
    expect(run.steps[0]).toMatchObject({ type: "full-import", stats: { "import-add": 3 } });
    expect((await getRun(call("/api/v1/runs/nope", deskToken), params({ runId: "nope" }))).status).toBe(404);
    const audit = await w.db.auditEvent.findFirst({ where: { action: "run.start", actor: "api:deploy script" } });
    expect(audit).not.toBeNull();
  });

  it("stops a queued run at once (admin); a run that ended or is unknown is refused", async () => {
    const ma = await w.db.managementAgent.findFirstOrThrow({ where: { name: "HR" } });
    const queued = await w.db.run.create({ data: { maId: ma.id, profileName: "Full Import and Sync", trigger: "api", startedBy: "api:deploy script", status: "queued" } });
    const url = `/api/v1/runs/${queued.id}/stop`;
    expect((await stopRun(post(url, deskToken, {}), params({ runId: queued.id }))).status).toBe(403);
    const res = await stopRun(post(url, adminToken, {}), params({ runId: queued.id }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ runId: queued.id, status: "stopped-user", stopRequestedBy: "api:deploy script" });
    expect((await w.db.run.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("stopped-user");
    const again = await stopRun(post(url, adminToken, {}), params({ runId: queued.id }));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "CONFLICT" });
    expect((await stopRun(post("/api/v1/runs/nope/stop", adminToken, {}), params({ runId: "nope" }))).status).toBe(404);
  });

  it("searches the metaverse", async () => {
    const res = await searchMv(call("/api/v1/metaverse?type=person&attr=employeeID&value=E2", deskToken), undefined);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hits: { id: string; displayName: string }[] };
    expect(body.hits.map((h) => h.displayName)).toEqual(["GE2 SE2"]);
    const missing = await searchMv(call("/api/v1/metaverse?type=person&attr=employeeID", deskToken), undefined);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ message: expect.stringContaining("value") });
  });

  it("runs the query builder's query with op=, one keyset page at a time", async () => {
    const url = "/api/v1/metaverse?type=person&attr=employeeID&op=startsWith&value=e&attr=displayName&op=present&value=&col=employeeID&size=2";
    const first = await searchMv(call(url, deskToken), undefined);
    expect(first.status).toBe(200);
    const one = (await first.json()) as { hits: { displayName: string; values: Record<string, string[]> }[]; columns: string[]; nextAfter: string | null; previousBefore: string | null };
    expect(one).toMatchObject({ columns: ["employeeID"], previousBefore: null });
    expect(one.hits.map((h) => h.values.employeeID)).toEqual([["E1"], ["E2"]]);
    const second = (await (await searchMv(call(`${url}&after=${one.nextAfter}`, deskToken), undefined)).json()) as typeof one;
    expect(second.hits.map((h) => h.displayName)).toEqual(["GE3 SE3"]);
    expect(second.nextAfter).toBeNull();
    const unknown = await searchMv(call("/api/v1/metaverse?type=person&attr=salary&op=present", deskToken), undefined);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: "INVALID_INPUT", message: 'unknown attribute "salary" of person' });
  });

  it("sets a password: refused below the policy, not applicable in file MAs", async () => {
    const hit = await w.db.mvValue.findFirstOrThrow({ where: { attr: "employeeID", value: "E1" } });
    const url = `/api/v1/identities/${hit.mvId}/password`;
    const weak = await setPassword(post(url, deskToken, { password: "short" }), params({ mvId: hit.mvId }));
    expect(weak.status).toBe(400);
    const weakBody = (await weak.json()) as { code: string; details: { violations: { rule: string }[] } };
    expect(weakBody.code).toBe("PASSWORD_POLICY");
    expect(weakBody.details.violations.map((v) => v.rule)).toEqual(["min-length", "character-classes"]);

    const ok = await setPassword(post(url, deskToken, { generate: true }), params({ mvId: hit.mvId }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { generatedPassword: string; results: { maName: string; status: string; message: string }[] };
    expect(body.generatedPassword.length).toBeGreaterThanOrEqual(16);
    expect(body.results.map((r) => [r.maName, r.status, r.message])).toEqual([
      ["HR", "not-applicable", "the csv connector cannot set passwords"],
      ["Out", "not-applicable", "the csv connector cannot set passwords"],
    ]);
    const audit = await w.db.auditEvent.findFirstOrThrow({ where: { action: "password.reset", target: hit.mvId } });
    expect(audit.actor).toBe("api:ticket system");
    expect(audit.details).not.toContain(body.generatedPassword);
    expect((await setPassword(post("/api/v1/identities/nope/password", deskToken, { generate: true }), params({ mvId: "nope" }))).status).toBe(404);
  });

  it("refuses a revoked token", async () => {
    const { token, view } = await createApiToken(admin, { name: "temp", role: "admin" }, w.db);
    expect((await searchMv(call("/api/v1/metaverse?type=person&attr=employeeID&value=E2", token), undefined)).status).toBe(200);
    await revokeApiToken(admin, view.id, w.db);
    const res = await searchMv(call("/api/v1/metaverse?type=person&attr=employeeID&value=E2", token), undefined);
    expect(res.status).toBe(401);
    await expect(revokeApiToken(admin, view.id, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("serves an OpenAPI 3.1 document describing every /api/v1 route", async () => {
    const doc = (await openapi().json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name === "route.ts") routes.push(path.relative("app", dir).replace(/\[(\w+)\]/g, "{$1}"));
      }
    };
    walk("app/api/v1");
    expect(routes.map((r) => `/${r}`).sort()).toEqual(Object.keys(doc.paths).sort());
  });
});
