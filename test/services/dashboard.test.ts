// The Dashboard and the Operations charts on both providers: connector-space and pending counts per MA,
// the last run, errors per run over the last N ended runs, the metaverse per object type, the run trend
// points (duration, objects/s, counters), and who may read them (helpdesk yes, anonymous no).
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../lib/auth/roles.ts";
import { runTrendsQuerySchema } from "../../lib/schemas/run-trends.ts";
import { getDashboard, getRunTrends } from "../../lib/services/dashboard.ts";
import { upsertMa } from "../../lib/store/config-records.ts";
import type { Db } from "../../lib/store/db.ts";
import { forEachProvider } from "../support/databases.ts";

const admin: SessionUser = { id: "a", username: "alice-admin", displayName: "Alice", role: "admin" };
const helpdesk: SessionUser = { id: "h", username: "desk", displayName: "Desk", role: "helpdesk" };

const T0 = new Date("2030-01-01T10:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

/** A run with one step per entry of `steps` (stats, progress.done and that many RunError rows). */
async function addRun(
  db: Db,
  maId: string,
  o: { profile: string; status: string; start: number; end?: number; steps?: { stats: Record<string, number>; done: number; errors: number }[] },
): Promise<string> {
  const run = await db.run.create({
    data: {
      maId, profileName: o.profile, trigger: "user", startedBy: "t", status: o.status,
      queuedAt: at(o.start), startedAt: at(o.start), endedAt: o.end === undefined ? null : at(o.end),
    },
  });
  for (const [seq, s] of (o.steps ?? []).entries()) {
    const step = await db.runStep.create({
      data: { runId: run.id, seq, type: "full-import", status: "success", stats: JSON.stringify(s.stats), progress: JSON.stringify({ done: s.done }), startedAt: at(o.start) },
    });
    if (s.errors) await db.runError.createMany({ data: Array.from({ length: s.errors }, (_, i) => ({ stepId: step.id, code: "import-bad-row", message: `row ${i}` })) });
  }
  return run.id;
}

describe("the /api/runs/trends query", () => {
  it("defaults to 50 runs and refuses a limit outside 1..200", () => {
    expect(runTrendsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(runTrendsQuerySchema.parse({ maId: " m1 ", limit: "200" })).toEqual({ maId: "m1", limit: 200 });
    for (const limit of ["0", "201", "2.5", "many"]) expect(runTrendsQuerySchema.safeParse({ limit }).success).toBe(false);
  });
});

forEachProvider((ctx) => {
  describe("with no management agent yet", () => {
    it("answers an empty dashboard (the page shows what to do next)", async () => {
      const fresh = await ctx.fresh();
      try {
        expect(await getDashboard(admin, {}, fresh.db)).toEqual({ managementAgents: [], metaverse: [], metaverseTotal: 0, trendRuns: 10 });
        expect(await getRunTrends(helpdesk, {}, fresh.db)).toEqual({ managementAgents: [], maId: null, runs: [] });
      } finally {
        await fresh.cleanup();
      }
    });
  });

  describe("with two MAs, runs and a metaverse", () => {
    let hr: string;
    let dir: string;
    const runs: Record<string, string> = {};

    beforeAll(async () => {
      const db = ctx.db;
      hr = await upsertMa(db, { name: "HR", type: "csv", config: { path: "/tmp/hr.csv", anchor: "id" }, rules: {} });
      dir = await upsertMa(db, { name: "Directory", type: "ldap", config: {}, rules: {} });
      for (const name of ["group", "person", "role"]) await db.mvObjectType.create({ data: { name } });
      const p1 = await db.mvObject.create({ data: { objectType: "person" } });
      const p2 = await db.mvObject.create({ data: { objectType: "person" } });
      await db.mvObject.create({ data: { objectType: "group" } });
      const cs = (anchor: string, extra: object = {}) =>
        db.csObject.create({ data: { maId: hr, anchor, dn: anchor, dnKey: anchor.toLowerCase(), objectType: "person", ...extra } });
      await cs("E1", { state: "connector", mvId: p1.id });
      const e2 = await cs("E2", { state: "connector", mvId: p2.id });
      const e3 = await cs("E3", { pendingImport: JSON.stringify({ op: "add" }), pendingImportOp: "add" });
      await db.pendingExport.create({ data: { maId: hr, csId: e2.id, op: "update", dn: "E2" } });
      await db.pendingExport.create({ data: { maId: hr, csId: e3.id, op: "add", dn: "E3", status: "exported" } });

      runs.first = await addRun(db, hr, { profile: "Full Import", status: "success", start: 0, end: 4, steps: [{ stats: { "import-add": 3 }, done: 3, errors: 0 }] });
      runs.second = await addRun(db, hr, {
        profile: "Full Import and Sync", status: "completed-sync-errors", start: 10, end: 12,
        steps: [
          { stats: { "import-update": 2, errors: 1 }, done: 2, errors: 1 },
          { stats: { projections: 1, "import-update": 1, errors: 2 }, done: 4, errors: 2 },
        ],
      });
      runs.third = await addRun(db, hr, { profile: "Delta Sync", status: "completed-warnings", start: 20, end: 20, steps: [{ stats: {}, done: 0, errors: 1 }] });
      runs.live = await addRun(db, hr, { profile: "Full Import", status: "in-progress", start: 30, steps: [{ stats: { "import-add": 1 }, done: 1, errors: 0 }] });
      runs.dir = await addRun(db, dir, { profile: "Export", status: "stopped-connectivity", start: 15, end: 16 });
    });

    it("counts each connector space, its pending imports and exports, and its last run", async () => {
      const d = await getDashboard(admin, {}, ctx.db);
      expect(d.managementAgents.map((m) => m.name)).toEqual(["Directory", "HR"]);
      const [directory, hrMa] = d.managementAgents;
      expect(hrMa).toMatchObject({
        id: hr, type: "csv", csObjects: 3, connectors: 2, pendingImports: 1, pendingExports: 1,
        lastRun: { id: runs.live, profileName: "Full Import", status: "in-progress", endedAt: null },
      });
      expect(directory).toMatchObject({ id: dir, csObjects: 0, pendingImports: 0, pendingExports: 0, lastRun: { id: runs.dir, status: "stopped-connectivity" } });
    });

    it("gives the errors per run of the last ended runs, oldest first, and only N of them", async () => {
      const d = await getDashboard(admin, {}, ctx.db);
      const hrMa = d.managementAgents.find((m) => m.name === "HR")!;
      expect(hrMa.errorTrend.map((r) => [r.runId, r.errors])).toEqual([[runs.first, 0], [runs.second, 3], [runs.third, 1]]);
      expect(d.managementAgents.find((m) => m.name === "Directory")!.errorTrend).toEqual([
        { runId: runs.dir, profileName: "Export", status: "stopped-connectivity", endedAt: at(16).toISOString(), errors: 0 },
      ]);
      const two = await getDashboard(admin, { trendRuns: 2 }, ctx.db);
      expect(two.trendRuns).toBe(2);
      expect(two.managementAgents.find((m) => m.name === "HR")!.errorTrend.map((r) => r.runId)).toEqual([runs.second, runs.third]);
    });

    it("counts the metaverse per object type, model types with none included", async () => {
      const d = await getDashboard(admin, {}, ctx.db);
      expect(d.metaverse).toEqual([{ objectType: "group", count: 1 }, { objectType: "person", count: 2 }, { objectType: "role", count: 0 }]);
      expect(d.metaverseTotal).toBe(3);
    });

    it("gives each ended run's duration, objects, objects/s, counters and errors for the Operations charts", async () => {
      const t = await getRunTrends(admin, { maId: hr }, ctx.db);
      expect(t.maId).toBe(hr);
      expect(t.managementAgents).toEqual([{ id: dir, name: "Directory" }, { id: hr, name: "HR" }]);
      expect(t.runs.map((r) => r.runId)).toEqual([runs.first, runs.second, runs.third]);
      expect(t.runs[1]).toEqual({
        runId: runs.second, maId: hr, maName: "HR", profileName: "Full Import and Sync", status: "completed-sync-errors",
        startedAt: at(10).toISOString(), endedAt: at(12).toISOString(), durationMs: 2000,
        objects: 6, objectsPerSecond: 3, errors: 3, counters: { "import-update": 3, projections: 1 },
      });
      expect(t.runs[0]).toMatchObject({ durationMs: 4000, objects: 3, objectsPerSecond: 0.8 });
      expect(t.runs[2]).toMatchObject({ durationMs: 0, objects: 0, objectsPerSecond: 0, counters: {} });

      const all = await getRunTrends(admin, {}, ctx.db);
      expect(all.maId).toBeNull();
      expect(all.runs.map((r) => r.runId)).toEqual([runs.first, runs.second, runs.dir, runs.third]);
      expect((await getRunTrends(admin, { limit: 1 }, ctx.db)).runs.map((r) => r.runId)).toEqual([runs.third]);
      await expect(getRunTrends(admin, { maId: "no-such-ma" }, ctx.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("lets helpdesk read the same figures and refuses an anonymous caller", async () => {
      expect(await getDashboard(helpdesk, {}, ctx.db)).toEqual(await getDashboard(admin, {}, ctx.db));
      expect(await getRunTrends(helpdesk, { maId: hr }, ctx.db)).toEqual(await getRunTrends(admin, { maId: hr }, ctx.db));
      await expect(getDashboard(null, {}, ctx.db)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
      await expect(getRunTrends(null, {}, ctx.db)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    });
  });
});
