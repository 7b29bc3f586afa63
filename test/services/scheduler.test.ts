// Scheduled run profiles start real runs (trigger "schedule"); a bad cron expression is refused.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSqlite, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { scheduleProblem, startScheduler } from "../../lib/services/scheduler.ts";
import { applyConfig, checkConfig, exportConfig } from "../../lib/services/config-as-code.ts";
import type { SessionUser } from "../../lib/auth/roles.ts";

const admin: SessionUser = { id: "a", username: "alice-admin", displayName: "Alice", role: "admin" };

describe("scheduler", () => {
  let fresh: FreshDatabase;
  let dir: string;

  beforeAll(async () => {
    fresh = await freshSqlite();
    dir = tempDir("sched");
    fs.writeFileSync(path.join(dir, "hr.csv"), "id\nE1\n");
    const s = new Scenario(fresh.db);
    await s.model(PERSON, GROUP);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: path.join(dir, "hr.csv"), anchor: "id" },
      rules: {},
      runProfiles: [{ name: "Every second", steps: [{ type: "full-import" }], schedule: "* * * * * *" }],
    });
  });

  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("starts a scheduled run profile as a run with trigger schedule", async () => {
    const lines: string[] = [];
    const scheduler = await startScheduler(fresh.db, (l) => lines.push(l));
    try {
      expect(scheduler.list()).toMatchObject([{ name: "HR/Every second", steps: [{ ma: "HR", profile: "Every second" }] }]);
      let runs = 0;
      for (let i = 0; i < 50 && runs === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        runs = await fresh.db.run.count({ where: { trigger: "schedule", status: "success" } });
      }
      expect(runs).toBeGreaterThan(0);
      expect(lines.some((l) => l.includes("started HR/Every second"))).toBe(true);
      // a run profile's own schedule is a one-step schedule: its firings are recorded like a Schedule's
      const profile = await fresh.db.runProfile.findFirstOrThrow({ where: { name: "Every second" } });
      let firings = 0;
      for (let i = 0; i < 150 && firings === 0; i++) {
        firings = await fresh.db.scheduleFiring.count({ where: { runProfileId: profile.id, result: "success" } });
        if (!firings) await new Promise((r) => setTimeout(r, 200));
      }
      expect(firings).toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
    }
  });

  it("fires each tick once when several schedulers share the database (workers on several hosts)", async () => {
    const profile = await fresh.db.runProfile.findFirstOrThrow({ where: { name: "Every second" } });
    const since = new Date();
    const schedulers = await Promise.all([startScheduler(fresh.db, () => {}), startScheduler(fresh.db, () => {})]);
    try {
      let firings = 0;
      for (let i = 0; i < 100 && firings < 3; i++) {
        await new Promise((r) => setTimeout(r, 200));
        firings = await fresh.db.scheduleFiring.count({ where: { runProfileId: profile.id, firedAt: { gte: since } } });
      }
      expect(firings).toBeGreaterThanOrEqual(3);
    } finally {
      await Promise.all(schedulers.map((x) => x.stop()));
    }
    const rows = await fresh.db.scheduleFiring.findMany({ where: { runProfileId: profile.id, firedAt: { gte: since } } });
    // One row per tick: the scheduler that lost a tick recorded nothing, not even a miss.
    expect(rows.every((r) => r.slot?.startsWith(`profile:${profile.id}@`))).toBe(true);
    expect(new Set(rows.map((r) => r.slot)).size).toBe(rows.length);
    const started = rows.flatMap((r) => JSON.parse(r.runIds) as string[]);
    expect(await fresh.db.run.count({ where: { trigger: "schedule", startedAt: { gte: since } } })).toBe(started.length);
  });

  it("refuses an invalid schedule in configuration as code", () => {
    expect(scheduleProblem("61 * * * *")).not.toBeNull();
    const r = checkConfig("managementAgents:\n  - name: X\n    type: csv\n    config: { path: /tmp/x.csv, anchor: id }\n    runProfiles:\n      - { name: P, steps: [{ type: full-import }], schedule: 'every day' }\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toBe("managementAgents[0] (X).runProfiles[0].schedule");
  });

  it("applies and exports schedules in configuration as code, refusing a bad cron or an unknown step with its path", async () => {
    const bad = checkConfig("schedules:\n  - { name: S, cron: '* * * 99 *', steps: [{ ma: HR, profile: Every second }] }\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ path: "schedules[0] (S).cron", message: expect.stringContaining("invalid cron expression") });
    await expect(applyConfig(admin, "schedules:\n  - { name: S, cron: '0 2 * * *', steps: [{ ma: Nope, profile: P }] }\n", fresh.db)).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      details: [{ path: "schedules[0] (S).steps", message: 'step 1: no management agent named "Nope"' }],
    });
    expect(await fresh.db.schedule.count()).toBe(0);
    const yaml = "schedules:\n  - name: Nightly HR\n    cron: 0 2 * * *\n    enabled: false\n    steps:\n      - { ma: HR, profile: Every second }\n";
    await applyConfig(admin, yaml, fresh.db);
    await applyConfig(admin, yaml, fresh.db); // by name: applied twice is one schedule
    const exported = await exportConfig(admin, fresh.db);
    const again = checkConfig(exported);
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.config.schedules).toEqual([{ name: "Nightly HR", cron: "0 2 * * *", enabled: false, steps: [{ ma: "HR", profile: "Every second" }] }]);
  });
});
