// Stopping a run from the console on both providers: a long full import (a generated CSV of 50,000
// rows) started as the console starts it (inline on SQLite; queued and taken by a pg-boss worker on
// PostgreSQL), the stop requested through another database client (as another process would), and
// the run ending stopped-user with whole batches only and the profile's sync step skipped.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { requestRunStop, startRunFromConsole } from "../../lib/services/run-control.ts";
import { executeRun } from "../../lib/services/run-service.ts";
import { startRunWorker, stopRunQueues, type RunWorker } from "../../lib/services/run-queue.ts";
import { createRun, finishRun } from "../../lib/store/run-records.ts";
import { createDb, type Db } from "../../lib/store/db.ts";
import { resolveDatabaseUrl } from "../../lib/store/database-url.ts";
import { admin, helpdesk, waitForRun } from "./console-kit.ts";

const ROWS = 50_000;

describe.each(PROVIDERS)("stop a run on %s", (provider) => {
  let fresh: FreshDatabase;
  let other: Db;
  let dir: string;
  let maId: string;
  let worker: RunWorker | undefined;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    other = createDb(resolveDatabaseUrl(fresh.url));
    dir = tempDir("run-stop");
    const file = path.join(dir, "big.csv");
    fs.writeFileSync(file, "id,givenName,sn,title\n" + Array.from({ length: ROWS }, (_, i) => `E${i},Given${i},Surname${i},Engineer\n`).join(""));
    const s = new Scenario(fresh.db);
    await s.model(PERSON, GROUP);
    maId = await s.ma({
      name: "Big",
      type: "csv",
      config: { path: file, anchor: "id" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", project: true }],
        importFlows: [{ objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" }],
      },
      runProfiles: [
        { name: "Import and Sync", steps: [{ type: "full-import" }, { type: "full-sync" }] },
        { name: "Full Import", steps: [{ type: "full-import" }] },
      ],
    });
    // On PostgreSQL the console queues runs: a worker of this process takes them, as `npm run worker` would.
    if (provider === "postgres") worker = await startRunWorker(fresh.db, fresh.url, (runId, approve) => executeRun(fresh.db, runId, { approveDeletes: approve }));
  });

  afterAll(async () => {
    await worker?.stop();
    await stopRunQueues();
    await other?.$disconnect();
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a helpdesk user and an unknown run", async () => {
    const run = await createRun(fresh.db, { maId, maName: "Big", profileName: "Full Import", trigger: "user", startedBy: "ghost" });
    try {
      await expect(requestRunStop(helpdesk, run, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await fresh.db.run.findUniqueOrThrow({ where: { id: run } })).stopRequestedAt).toBeNull();
      await expect(requestRunStop(admin, "no-such-run", fresh.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await finishRun(fresh.db, run, "stopped-server", "test");
    }
    await expect(requestRunStop(admin, run, fresh.db)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already ended (stopped-server)") });
  });

  it("stops a long full import between batches: stopped-user, fewer objects than the file, whole batches only, the sync skipped", async () => {
    const started = await startRunFromConsole(admin, { maId, profile: "Import and Sync" }, fresh.db);
    // Wait until the import has written its first progress (it is well under way), then stop it.
    for (let i = 0; ; i++) {
      const step = await other.runStep.findFirst({ where: { runId: started.runId } });
      if (step && (JSON.parse(step.progress) as { done?: number }).done) break;
      if (i > 2_000) throw new Error("the import never reported progress");
      await new Promise((r) => setTimeout(r, 10));
    }
    const stop = await requestRunStop(admin, started.runId, other);
    expect(stop).toMatchObject({ runId: started.runId, status: "in-progress", stopRequestedBy: "alice-admin" });
    // A second request keeps the first one.
    expect(await requestRunStop({ ...admin, username: "bob-admin" }, started.runId, other)).toMatchObject({ stopRequestedBy: "alice-admin", stopRequestedAt: stop.stopRequestedAt });

    expect(await waitForRun(fresh.db, started.runId, 60_000)).toBe("stopped-user");
    const run = await fresh.db.run.findUniqueOrThrow({ where: { id: started.runId }, include: { steps: { orderBy: { seq: "asc" } } } });
    expect(run.message).toMatch(/^stopped by alice-admin: stopped on request between batches.*the remaining step was skipped$/);
    expect(run.steps.map((s) => [s.type, s.status])).toEqual([["full-import", "stopped-user"]]);
    const stats = JSON.parse(run.steps[0]!.stats) as Record<string, number>;
    const imported = await fresh.db.csObject.count({ where: { maId } });
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(ROWS);
    // Whole batches only: every object counted is stored, staged as an add, and nothing else was staged.
    expect(imported % 500).toBe(0);
    expect(stats["import-add"]).toBe(imported);
    expect(await fresh.db.csObject.count({ where: { maId, pendingImportOp: "add", deleted: false } })).toBe(imported);
    expect(await fresh.db.mvObject.count()).toBe(0);
    expect(await fresh.db.auditEvent.count({ where: { action: "run.stop", actor: "alice-admin" } })).toBe(1);

    // The MA can run again, and a full import then holds exactly the file.
    const again = await startRunFromConsole(admin, { maId, profile: "Full Import" }, fresh.db);
    expect(await waitForRun(fresh.db, again.runId, 120_000)).toBe("success");
    const step = await fresh.db.runStep.findFirstOrThrow({ where: { runId: again.runId } });
    expect(JSON.parse(step.stats)).toMatchObject({ "import-add": ROWS - imported, "import-unchanged": imported });
    expect(await fresh.db.csObject.count({ where: { maId } })).toBe(ROWS);
  }, 240_000);

  it("a run no worker has taken ends at once; a worker taking it later leaves it stopped", async () => {
    const runId = await createRun(fresh.db, { maId, maName: "Big", profileName: "Full Import", trigger: "user", startedBy: "alice-admin", status: "queued" });
    expect(await requestRunStop(admin, runId, other)).toMatchObject({ status: "stopped-user" });
    const ended = await fresh.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(ended).toMatchObject({ status: "stopped-user", message: "stopped by alice-admin before a worker took it" });
    expect(ended.endedAt).not.toBeNull();
    const outcome = await executeRun(fresh.db, runId);
    expect(outcome).toMatchObject({ status: "stopped-user", steps: [] });
    expect(await fresh.db.runStep.count({ where: { runId } })).toBe(0);
  });
});
