// Console run controls and the run drill-down against a real SQLite database: start a run profile
// (refused while one runs), its live record (progress and counters), the objects behind each counter
// and the errors with their location, and approving the deletes of a stopped export.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDeletesAndExport, startRunFromConsole } from "../../lib/services/run-control.ts";
import { getStepDrillDown } from "../../lib/services/run-drilldown.ts";
import { getRunDetail } from "../../lib/services/run-history.ts";
import { getManagementAgent } from "../../lib/services/management-agents.ts";
import { createRun, finishRun } from "../../lib/store/run-records.ts";
import { admin, consoleWorld, helpdesk, people, waitForRun, type ConsoleWorld } from "./console-kit.ts";

describe("console run controls", () => {
  let w: ConsoleWorld;
  let hrId: string;
  let outId: string;

  beforeAll(async () => {
    w = await consoleWorld("run-control");
    hrId = await w.maId("HR");
    outId = await w.maId("Out");
  });
  afterAll(async () => {
    await w?.cleanup();
  });

  it("refuses helpdesk, an unknown MA and an unknown profile", async () => {
    await expect(startRunFromConsole(helpdesk, { maId: hrId, profile: "Full Import and Sync" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startRunFromConsole(admin, { maId: "nope", profile: "Full Import and Sync" }, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startRunFromConsole(admin, { maId: hrId, profile: "Nope" }, w.db)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("Nope") });
  });

  it("starts a run that returns at once and records progress and counters per step", async () => {
    const started = await startRunFromConsole(admin, { maId: hrId, profile: "Full Import and Sync" }, w.db);
    expect(started).toMatchObject({ maName: "HR", profileName: "Full Import and Sync" });
    expect(await waitForRun(w.db, started.runId)).toBe("success");
    const run = await getRunDetail(helpdesk, started.runId, w.db);
    expect(run).toMatchObject({ trigger: "user", startedBy: "alice-admin", status: "success" });
    expect(run.steps.map((s) => s.type)).toEqual(["full-import", "full-sync"]);
    expect(run.steps[0]!.stats).toMatchObject({ "import-add": 3 });
    expect(run.steps[1]!.stats).toMatchObject({ projections: 3 });
    expect(run.steps[1]!.progress).toMatchObject({ done: 3 });
    expect(await w.db.auditEvent.count({ where: { action: "run.start", actor: "alice-admin" } })).toBe(1);
  });

  it("refuses a second run of an MA while one is in progress, with the reason", async () => {
    const stuck = await createRun(w.db, { maId: hrId, maName: "HR", profileName: "Delta Sync", trigger: "user", startedBy: "ghost" });
    try {
      await expect(startRunFromConsole(admin, { maId: hrId, profile: "Full Import and Sync" }, w.db)).rejects.toMatchObject({
        code: "RUN_IN_PROGRESS",
        message: expect.stringContaining("already has a run in progress"),
      });
      expect((await getManagementAgent(admin, hrId, w.db)).activeRun).toMatchObject({ id: stuck, profileName: "Delta Sync" });
    } finally {
      await finishRun(w.db, stuck, "stopped-server", "test");
    }
  });

  it("drills into a counter's objects page by page, with links to csentry and mventry", async () => {
    const run = (await w.db.run.findFirstOrThrow({ where: { maId: hrId, status: "success" }, include: { steps: { orderBy: { seq: "asc" } } } }));
    const sync = run.steps[1]!;
    const page1 = await getStepDrillDown(helpdesk, run.id, sync.id, { counter: "projections", view: "objects", page: 1 }, w.db, 2);
    expect(page1).toMatchObject({ maName: "HR", counter: "projections", errors: null });
    expect(page1.objects).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page1.objects!.items).toHaveLength(2);
    const page2 = await getStepDrillDown(helpdesk, run.id, sync.id, { counter: "projections", view: "objects", page: 2 }, w.db, 2);
    expect(page2.objects!.items).toHaveLength(1);
    const all = [...page1.objects!.items, ...page2.objects!.items];
    expect(all.map((o) => o.anchor).sort()).toEqual(["E1", "E2", "E3"]);
    for (const o of all) {
      expect(o).toMatchObject({ csMaId: hrId, csMaName: "HR", mvExists: true });
      expect(o.csId).toBeTruthy();
      expect(o.mvId).toBeTruthy();
    }
    // Without a counter the first one of the step is shown.
    const dflt = await getStepDrillDown(helpdesk, run.id, run.steps[0]!.id, { view: "objects", page: 1 }, w.db);
    expect(dflt.counter).toBe("import-add");
    expect(dflt.objects!.total).toBe(3);
    await expect(getStepDrillDown(helpdesk, run.id, "no-such-step", { view: "objects", page: 1 }, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists a step's errors with code, message and file:line", async () => {
    fs.writeFileSync(w.hr, people(["E1", "E2", "E3"]) + "bad-row-without-columns\n");
    const started = await startRunFromConsole(admin, { maId: hrId, profile: "Full Import and Sync" }, w.db);
    expect(await waitForRun(w.db, started.runId)).toBe("completed-warnings");
    const run = await getRunDetail(admin, started.runId, w.db);
    const d = await getStepDrillDown(helpdesk, run.id, run.steps[0]!.id, { view: "errors", page: 1 }, w.db);
    expect(d.objects).toBeNull();
    expect(d.errors!.total).toBe(1);
    expect(d.errors!.items[0]).toMatchObject({ code: expect.any(String), message: expect.any(String), location: expect.stringMatching(/hr\.csv:5/) });
    fs.writeFileSync(w.hr, people(["E1", "E2", "E3"]));
  });

  it("approves the deletes of an export the deletion threshold stopped, and only then", async () => {
    await expect(approveDeletesAndExport(admin, outId, w.db)).rejects.toMatchObject({ code: "CONFLICT" });
    // Provision and export three accounts, then two people leave HR: two deletes exceed the threshold of 1.
    let r = await startRunFromConsole(admin, { maId: outId, profile: "Export" }, w.db);
    expect(await waitForRun(w.db, r.runId)).toBe("success");
    r = await startRunFromConsole(admin, { maId: outId, profile: "Full Import and Delta Sync" }, w.db);
    expect(await waitForRun(w.db, r.runId)).toBe("success");
    fs.writeFileSync(w.hr, people(["E1"]));
    r = await startRunFromConsole(admin, { maId: hrId, profile: "Full Import and Sync" }, w.db);
    expect(await waitForRun(w.db, r.runId)).toBe("success");
    r = await startRunFromConsole(admin, { maId: outId, profile: "Export" }, w.db);
    expect(await waitForRun(w.db, r.runId)).toBe("stopped-deletion-threshold");
    expect((await getManagementAgent(admin, outId, w.db)).stoppedAtDeletionThreshold).toMatchObject({ runId: r.runId, profileName: "Export" });
    await expect(approveDeletesAndExport(helpdesk, outId, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const approved = await approveDeletesAndExport(admin, outId, w.db);
    expect(approved.profileName).toBe("Export");
    expect(await waitForRun(w.db, approved.runId)).toBe("success");
    const run = await getRunDetail(admin, approved.runId, w.db);
    expect(run.steps[0]!.stats["export-delete"]).toBe(2);
    expect(await w.db.auditEvent.count({ where: { action: "export.approve-deletes" } })).toBe(1);
    expect((await getManagementAgent(admin, outId, w.db)).stoppedAtDeletionThreshold).toBeNull();
  });
});
