// Run-history retention on backdated rows: old runs go with their steps, drill-down objects and
// errors, in small batches; runs still active and recent runs stay; attribute history follows the
// same window; the server job purges once at start.
import { beforeAll, describe, expect, it } from "vitest";
import { forEachProvider } from "../support/databases.ts";
import type { Db } from "../../lib/store/db.ts";
import { upsertMa } from "../../lib/store/config-records.ts";
import { purgeRunHistory, runRetentionDays, startRunRetention } from "../../lib/services/run-retention.ts";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date();
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

async function addRun(db: Db, maId: string, o: { status: string; queuedDaysAgo: number; endedDaysAgo?: number; objects?: number; errors?: number }): Promise<string> {
  const run = await db.run.create({
    data: {
      maId,
      profileName: "Full",
      trigger: "schedule",
      startedBy: "scheduler",
      status: o.status,
      queuedAt: daysAgo(o.queuedDaysAgo),
      startedAt: daysAgo(o.queuedDaysAgo),
      endedAt: o.endedDaysAgo === undefined ? null : daysAgo(o.endedDaysAgo),
    },
  });
  for (const seq of [0, 1]) {
    const step = await db.runStep.create({ data: { runId: run.id, seq, type: seq ? "full-sync" : "full-import", status: o.status === "in-progress" && seq ? "in-progress" : "success", startedAt: daysAgo(o.queuedDaysAgo) } });
    const n = o.objects ?? 3;
    if (n) await db.runStepObject.createMany({ data: Array.from({ length: n }, (_, i) => ({ stepId: step.id, counter: "import-add", anchor: `A${i}` })) });
    const e = o.errors ?? 1;
    if (e) await db.runError.createMany({ data: Array.from({ length: e }, (_, i) => ({ stepId: step.id, code: "import-bad-row", message: `bad row ${i}`, at: daysAgo(o.queuedDaysAgo) })) });
  }
  return run.id;
}

describe("run retention settings", () => {
  it("keeps 30 days by default and reads IDSYNC_RUN_RETENTION_DAYS", () => {
    expect(runRetentionDays(undefined)).toBe(30);
    expect(runRetentionDays(" ")).toBe(30);
    expect(runRetentionDays("7")).toBe(7);
    for (const bad of ["0", "-3", "2.5", "a week"]) expect(() => runRetentionDays(bad)).toThrow(/IDSYNC_RUN_RETENTION_DAYS must be a whole number/);
  });
});

forEachProvider((ctx) => {
  let maId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = ctx.db;
    maId = await upsertMa(db, { name: "HR", type: "csv", config: { path: "/tmp/hr.csv", anchor: "id" }, rules: {} });
    for (let i = 0; i < 5; i++) ids[`old${i}`] = await addRun(db, maId, { status: "success", queuedDaysAgo: 40 + i, endedDaysAgo: 40 + i, objects: i === 0 ? 1200 : 3, errors: i === 0 ? 700 : 1 });
    ids.oldNeverEnded = await addRun(db, maId, { status: "stopped-server", queuedDaysAgo: 45 });
    ids.oldStillRunning = await addRun(db, maId, { status: "in-progress", queuedDaysAgo: 35 });
    ids.oldQueued = await addRun(db, maId, { status: "queued", queuedDaysAgo: 33 });
    ids.endedRecently = await addRun(db, maId, { status: "success", queuedDaysAgo: 31, endedDaysAgo: 29 });
    ids.recent = await addRun(db, maId, { status: "completed-warnings", queuedDaysAgo: 2, endedDaysAgo: 2 });
    const history = (attr: string, at: Date) => ({ mvId: "mv-1", attr, oldValue: "[]", newValue: `["${attr}"]`, maId, runId: ids.recent, at });
    await db.mvHistory.createMany({ data: [...Array.from({ length: 1100 }, (_, i) => history(`old${i}`, daysAgo(31 + (i % 5)))), history("new1", daysAgo(29)), history("new2", daysAgo(1.5))] });
  });

  it("purges runs ended before the window with their steps, objects and errors, batch by batch", async () => {
    const db = ctx.db;
    const r = await purgeRunHistory(db, { days: 30, now: NOW, runsPerBatch: 2, rowsPerDelete: 500 });
    expect(r.cutoff).toEqual(daysAgo(30));
    expect(r).toMatchObject({ runs: 6, steps: 12, stepObjects: 2 * 1200 + 4 * 2 * 3 + 2 * 3, errors: 2 * 700 + 4 * 2 + 2, history: 1100 });
    const left = await db.run.findMany({ select: { id: true } });
    expect(left.map((x) => x.id).sort()).toEqual([ids.oldStillRunning, ids.oldQueued, ids.endedRecently, ids.recent].sort());
    expect(await db.runStep.count()).toBe(8);
    expect(await db.runStepObject.count()).toBe(8 * 3);
    expect(await db.runError.count()).toBe(8);
    expect((await db.mvHistory.findMany({ select: { attr: true } })).map((h) => h.attr).sort()).toEqual(["new1", "new2"]);
    // nothing left to do a second time
    expect(await purgeRunHistory(db, { days: 30, now: NOW })).toMatchObject({ runs: 0, steps: 0, stepObjects: 0, errors: 0, history: 0 });
  });

  it("the server job purges once at start with the window from IDSYNC_RUN_RETENTION_DAYS", async () => {
    const db = ctx.db;
    // the recent run is two days old: a one-day window takes it, the queued and running ones stay
    const saved = process.env.IDSYNC_RUN_RETENTION_DAYS;
    process.env.IDSYNC_RUN_RETENTION_DAYS = "1";
    const lines: string[] = [];
    const stop = startRunRetention(db, (l) => lines.push(l));
    try {
      await expect.poll(() => lines.length, { timeout: 20_000 }).toBeGreaterThan(0);
    } finally {
      stop();
      if (saved === undefined) delete process.env.IDSYNC_RUN_RETENTION_DAYS;
      else process.env.IDSYNC_RUN_RETENTION_DAYS = saved;
    }
    expect(lines[0]).toMatch(/^idsync: run retention purged 2 run\(s\) and 2 attribute history row\(s\) older than /);
    expect((await db.run.findMany({ select: { id: true } })).map((x) => x.id).sort()).toEqual([ids.oldStillRunning, ids.oldQueued].sort());
  });
});
