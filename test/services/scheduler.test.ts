// Scheduled run profiles start real runs (trigger "schedule"); a bad cron expression is refused.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSqlite, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { scheduleProblem, startScheduler } from "../../lib/services/scheduler.ts";
import { checkConfig } from "../../lib/services/config-as-code.ts";

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
      expect(scheduler.list()).toMatchObject([{ ma: "HR", profile: "Every second" }]);
      let runs = 0;
      for (let i = 0; i < 50 && runs === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        runs = await fresh.db.run.count({ where: { trigger: "schedule", status: "success" } });
      }
      expect(runs).toBeGreaterThan(0);
      expect(lines.some((l) => l.includes("started HR/Every second"))).toBe(true);
    } finally {
      await scheduler.stop();
    }
  });

  it("refuses an invalid schedule in configuration as code", () => {
    expect(scheduleProblem("61 * * * *")).not.toBeNull();
    const r = checkConfig("managementAgents:\n  - name: X\n    type: csv\n    config: { path: /tmp/x.csv, anchor: id }\n    runProfiles:\n      - { name: P, steps: [{ type: full-import }], schedule: 'every day' }\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toBe("managementAgents[0] (X).runProfiles[0].schedule");
  });
});
