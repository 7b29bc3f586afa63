// Runs as the console, CLI and workers start them: one run per MA, dead workers released,
// and on PostgreSQL a queued run taken by a pg-boss worker.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { executeRun, startRun } from "../../lib/services/run-service.ts";
import { startRunWorker, stopRunQueues } from "../../lib/services/run-queue.ts";
import { createRun, releaseDeadRuns } from "../../lib/store/run-records.ts";
import type { SessionUser } from "../../lib/auth/roles.ts";

const admin: SessionUser = { id: "t", username: "tester", displayName: "Tester", role: "admin" };
const helpdesk: SessionUser = { id: "h", username: "desk", displayName: "Desk", role: "helpdesk" };

describe.each(PROVIDERS)("run service on %s", (provider) => {
  let fresh: FreshDatabase;
  let dir: string;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    dir = tempDir("runs");
    fs.writeFileSync(path.join(dir, "hr.csv"), "id,givenName,sn\nE1,Ann,Lee\nE2,Bob,Jones\n");
    const s = new Scenario(fresh.db);
    await s.model(PERSON, GROUP);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: path.join(dir, "hr.csv"), anchor: "id" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", project: true }],
        importFlows: [{ objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" }],
      },
      runProfiles: [{ name: "Full", steps: [{ type: "full-import" }, { type: "full-sync" }] }],
    });
  });

  afterAll(async () => {
    await stopRunQueues();
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a helpdesk user and an unknown profile", async () => {
    await expect(startRun(helpdesk, { ma: "HR", profile: "Full", trigger: "user" }, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startRun(admin, { ma: "HR", profile: "Nope", trigger: "user" }, fresh.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("runs inline and records the run with its steps", async () => {
    const started = await startRun(admin, { ma: "HR", profile: "Full", trigger: "cli", inline: true }, fresh.db);
    const outcome = await started.done!;
    expect(outcome.status).toBe("success");
    const run = await fresh.db.run.findUniqueOrThrow({ where: { id: started.runId }, include: { steps: true } });
    expect(run).toMatchObject({ status: "success", trigger: "cli", startedBy: "tester" });
    expect(run.steps.map((s) => JSON.parse(s.stats))).toEqual([{ "import-add": 2 }, { projections: 2 }]);
    expect(await fresh.db.auditEvent.count({ where: { action: "run.start" } })).toBe(1);
  });

  it("refuses a second run of the same MA while one is in progress, and releases a dead worker's run", async () => {
    const ma = await fresh.db.managementAgent.findUniqueOrThrow({ where: { name: "HR" } });
    const stuck = await createRun(fresh.db, { maId: ma.id, maName: "HR", profileName: "Full", trigger: "user", startedBy: "ghost" });
    await fresh.db.runStep.create({ data: { runId: stuck, seq: 0, type: "full-import", status: "in-progress" } });
    await expect(startRun(admin, { ma: "HR", profile: "Full", trigger: "user", inline: true }, fresh.db)).rejects.toMatchObject({ code: "RUN_IN_PROGRESS" });
    await fresh.db.run.update({ where: { id: stuck }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    expect(await releaseDeadRuns(fresh.db, 60_000)).toBe(1);
    const released = await fresh.db.run.findUniqueOrThrow({ where: { id: stuck }, include: { steps: true } });
    expect(released.status).toBe("stopped-server");
    expect(released.steps[0].status).toBe("stopped-server");
    const again = await startRun(admin, { ma: "HR", profile: "Full", trigger: "user", inline: true }, fresh.db);
    expect((await again.done!).status).toBe("success");
  });

  if (provider === "postgres") {
    it("queues a console run for a pg-boss worker, which executes it", async () => {
      const started = await startRun(admin, { ma: "HR", profile: "Full", trigger: "user" }, fresh.db);
      expect(started.done).toBeNull();
      expect((await fresh.db.run.findUniqueOrThrow({ where: { id: started.runId } })).status).toBe("queued");
      const worker = await startRunWorker(fresh.db, fresh.url, (runId, approve) => executeRun(fresh.db, runId, { approveDeletes: approve }));
      try {
        let status = "queued";
        for (let i = 0; i < 100 && (status === "queued" || status === "in-progress"); i++) {
          await new Promise((r) => setTimeout(r, 300));
          status = (await fresh.db.run.findUniqueOrThrow({ where: { id: started.runId } })).status;
        }
        expect(status).toBe("success");
      } finally {
        await worker.stop();
      }
    });
  }
});
