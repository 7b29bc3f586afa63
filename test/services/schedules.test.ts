// Schedules: sequences of run profiles across MAs fired by the in-process scheduler on a per-second
// cron, on SQLite (runs inline) and PostgreSQL (runs queued through pg-boss and taken by a worker).
// Also: a busy MA yields a recorded missed firing and no second run; a disabled schedule never
// fires; the service refuses an invalid cron naming the field, unknown steps and a helpdesk writer.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { startScheduler, type Scheduler } from "../../lib/services/scheduler.ts";
import { createSchedule, deleteSchedule, enableSchedule, listSchedules, updateSchedule } from "../../lib/services/schedules.ts";
import { executeRun } from "../../lib/services/run-service.ts";
import { startRunWorker, stopRunQueues, type RunWorker } from "../../lib/services/run-queue.ts";
import { createRun } from "../../lib/store/run-records.ts";
import type { SessionUser } from "../../lib/auth/roles.ts";
import type { Db } from "../../lib/store/db.ts";

const admin: SessionUser = { id: "a", username: "alice-admin", displayName: "Alice", role: "admin" };
const helpdesk: SessionUser = { id: "h", username: "desk", displayName: "Desk", role: "helpdesk" };
const EVERY_SECOND = "* * * * * *";

/** Polls until `probe` returns a value (not undefined/false) or 30 s pass. */
async function until<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const firings = (db: Db, scheduleId: string) => db.scheduleFiring.findMany({ where: { scheduleId }, orderBy: { firedAt: "asc" } });

describe.each(PROVIDERS)("schedules on %s", (provider) => {
  let fresh: FreshDatabase;
  let dir: string;
  let worker: RunWorker | null = null;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    dir = tempDir("schedules");
    fs.writeFileSync(path.join(dir, "hr.csv"), "id\nE1\nE2\n");
    fs.writeFileSync(path.join(dir, "dir.csv"), "uid\nu1\n");
    const s = new Scenario(fresh.db);
    await s.model(PERSON, GROUP);
    for (const [name, file, anchor] of [["HR", "hr.csv", "id"], ["Directory", "dir.csv", "uid"]]) {
      await s.ma({ name, type: "csv", config: { path: path.join(dir, file), anchor }, rules: {}, runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }] }] });
    }
    // On PostgreSQL the scheduler's runs are queued like the console's: a worker in this process takes them.
    if (provider === "postgres") worker = await startRunWorker(fresh.db, fresh.url, (runId, approve) => executeRun(fresh.db, runId, { approveDeletes: approve }));
  });

  afterAll(async () => {
    await worker?.stop();
    await stopRunQueues();
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const withScheduler = async (fn: (scheduler: Scheduler) => Promise<void>) => {
    const scheduler = await startScheduler(fresh.db, () => {}, { pollMs: 100 });
    try {
      await fn(scheduler);
    } finally {
      await scheduler.stop();
    }
  };

  it("refuses an invalid cron naming the field, unknown steps, a duplicate name and a helpdesk writer", async () => {
    const steps = [{ ma: "HR", profile: "Full Import" }];
    await expect(createSchedule(admin, { name: "Bad", cron: "61 * * * *", enabled: true, steps }, fresh.db)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { cron: [expect.stringContaining('invalid cron expression "61 * * * *"')] } },
    });
    await expect(createSchedule(admin, { name: "Bad", cron: "0 2 * * *", enabled: true, steps: [{ ma: "HR", profile: "Nope" }] }, fresh.db)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { steps: ['step 1: MA "HR" has no run profile "Nope"'] } },
    });
    await expect(createSchedule(helpdesk, { name: "Desk", cron: "0 2 * * *", enabled: true, steps }, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const made = await createSchedule(admin, { name: "Nightly", cron: "0 2 * * *", enabled: true, steps }, fresh.db);
    await expect(createSchedule(admin, { name: "Nightly", cron: "0 3 * * *", enabled: true, steps }, fresh.db)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateSchedule(admin, { id: made.id, name: "Nightly", cron: "nope", enabled: true, steps }, fresh.db)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await fresh.db.schedule.count()).toBe(1);

    // helpdesk reads the list: next run time of the nightly schedule, no firing yet
    const [view] = await listSchedules(helpdesk, fresh.db);
    expect(view).toMatchObject({ name: "Nightly", enabled: true, fromRunProfile: false, lastFiring: null, missedLastDay: 0 });
    expect(new Date(view.nextRun!).getTime()).toBeGreaterThan(Date.now());
    await deleteSchedule(admin, made.id, fresh.db);
    expect(await fresh.db.auditEvent.findMany({ where: { action: { startsWith: "schedule." } }, select: { action: true } })).toEqual([{ action: "schedule.create" }, { action: "schedule.delete" }]);
  });

  it("fires a sequence across two MAs: the second run starts after the first ended", async () => {
    await withScheduler(async () => {
      // created while the scheduler runs: the service reloads it
      const { id } = await createSchedule(admin, { name: "HR then Directory", cron: EVERY_SECOND, enabled: true, steps: [{ ma: "HR", profile: "Full Import" }, { ma: "Directory", profile: "Full Import" }] }, fresh.db);
      const done = await until("a successful firing", async () => (await firings(fresh.db, id)).find((f) => f.result === "success"));
      await enableSchedule(admin, id, false, fresh.db);
      const runIds = JSON.parse(done.runIds) as string[];
      expect(runIds).toHaveLength(2);
      const [first, second] = await Promise.all(runIds.map((r) => fresh.db.run.findUniqueOrThrow({ where: { id: r }, include: { ma: true } })));
      expect([first.ma.name, second.ma.name]).toEqual(["HR", "Directory"]);
      expect([first.trigger, second.trigger, first.status, second.status]).toEqual(["schedule", "schedule", "success", "success"]);
      expect(second.queuedAt.getTime()).toBeGreaterThanOrEqual(first.endedAt!.getTime());
      const view = (await listSchedules(admin, fresh.db)).find((v) => v.id === id)!;
      expect(view.enabled).toBe(false);
      expect(view.nextRun).toBeNull();
      expect(view.lastFiring?.result).toMatch(/success|missed|running/);
      await deleteSchedule(admin, id, fresh.db);
    });
  });

  it("records a missed firing and starts no run while an MA of the sequence is still running", async () => {
    const hr = await fresh.db.managementAgent.findUniqueOrThrow({ where: { name: "HR" } });
    // The previous test's every-second schedule may have fired once more before it was disabled; on
    // PostgreSQL that run is still in the worker's hands: let it end before HR is made busy on purpose.
    await until("the runs of earlier firings to end", async () => (await fresh.db.run.count({ where: { status: { in: ["queued", "in-progress"] } } })) === 0);
    const stuck = await createRun(fresh.db, { maId: hr.id, maName: "HR", profileName: "Full Import", trigger: "user", startedBy: "someone" });
    const runsBefore = await fresh.db.run.count();
    try {
      await withScheduler(async () => {
        // HR is the second step: the whole sequence is skipped, Directory does not run either
        const { id } = await createSchedule(admin, { name: "Busy", cron: EVERY_SECOND, enabled: true, steps: [{ ma: "Directory", profile: "Full Import" }, { ma: "HR", profile: "Full Import" }] }, fresh.db);
        const missed = await until("a missed firing", async () => (await firings(fresh.db, id)).find((f) => f.result === "missed"));
        await enableSchedule(admin, id, false, fresh.db);
        expect(missed.message).toBe('MA "HR" was still running Full Import (started by someone)');
        expect(JSON.parse(missed.runIds)).toEqual([]);
        const view = (await listSchedules(admin, fresh.db)).find((v) => v.id === id)!;
        expect(view.missedLastDay).toBeGreaterThanOrEqual(1);
        expect(view.lastMissed?.message).toContain("still running");
        await deleteSchedule(admin, id, fresh.db);
      });
      expect(await fresh.db.run.count()).toBe(runsBefore);
    } finally {
      await fresh.db.run.update({ where: { id: stuck }, data: { status: "stopped-server", endedAt: new Date() } });
    }
  });

  it("never fires a disabled schedule, while an enabled one beside it fires", async () => {
    const off = await createSchedule(admin, { name: "Off", cron: EVERY_SECOND, enabled: false, steps: [{ ma: "Directory", profile: "Full Import" }] }, fresh.db);
    const on = await createSchedule(admin, { name: "On", cron: EVERY_SECOND, enabled: true, steps: [{ ma: "HR", profile: "Full Import" }] }, fresh.db);
    const directoryRuns = () => fresh.db.run.count({ where: { ma: { name: "Directory" } } });
    const before = await directoryRuns();
    await withScheduler(async (scheduler) => {
      expect(scheduler.list().map((j) => j.name)).toEqual(["On"]);
      // two ended firings of the enabled schedule: the disabled one had ticks enough to fire
      await until("two ended firings of On", async () => (await firings(fresh.db, on.id)).filter((f) => f.endedAt).length >= 2);
    });
    expect(await firings(fresh.db, off.id)).toEqual([]);
    expect(await directoryRuns()).toBe(before);
  });
});
