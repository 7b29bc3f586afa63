// Stopping a run cooperatively (shouldStop): each step kind stops between batches, keeps whole batches
// only, skips the profile's remaining steps, and a re-run finishes the work. The stop is made
// deterministic by answering "stop" from the first check inside the step (the first flush after the
// first batch always writes progress and asks), so the step stops after exactly one batch.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachProvider } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "./scenario-kit.ts";

const PEOPLE = 1200; // more than one import batch (500), sync page (1,000) and export batch (500)

/** A shouldStop that answers false `before` times, then true (and counts its calls). */
function stopAfter(before: number) {
  const probe = { calls: 0, shouldStop: async () => ++probe.calls > before };
  return probe;
}

forEachProvider((ctx) => {
  let s: Scenario;
  let dir: string;
  let outFile: string;

  beforeAll(async () => {
    s = new Scenario(ctx.db);
    dir = tempDir("stop");
    const hr = path.join(dir, "hr.csv");
    outFile = path.join(dir, "out.csv");
    fs.writeFileSync(hr, "id,givenName,sn\n" + Array.from({ length: PEOPLE }, (_, i) => `E${i},G${i},S${i}\n`).join(""));
    await s.model(PERSON, GROUP);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: hr, anchor: "id" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
        importFlows: [{ objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" }],
      },
    });
    fs.writeFileSync(path.join(dir, "small.csv"), "id\nS1\nS2\nS3\n");
    await s.ma({ name: "Small", type: "csv", config: { path: path.join(dir, "small.csv"), anchor: "id" }, rules: {} });
    await s.ma({
      name: "Out",
      type: "csv",
      config: { path: outFile, anchor: "uid" },
      rules: {
        provisioning: [{ name: "all", mvObjectType: "person", condition: "$exists(employeeID)", objectType: "person", dn: "employeeID", anchor: "employeeID", initial: { uid: "employeeID" } }],
      },
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const hrId = async () => (await ctx.db.managementAgent.findUniqueOrThrow({ where: { name: "HR" } })).id;
  const outId = async () => (await ctx.db.managementAgent.findUniqueOrThrow({ where: { name: "Out" } })).id;

  it("a full import stops after a whole batch, stages no deletes and skips the sync; a re-run imports the rest", async () => {
    const probe = stopAfter(1); // the check before step 1 says go; the first one inside the import says stop
    const r = await s.runWith("HR", ["full-import", "full-sync"], { shouldStop: probe.shouldStop });
    expect(r.status).toBe("stopped-user");
    expect(r.steps.map((x) => [x.type, x.status])).toEqual([["full-import", "stopped-user"]]);
    expect(r.message).toMatch(/stopped on request between batches.*the remaining step was skipped/);
    expect(r.steps[0]!.stats["import-add"]).toBe(500);
    const maId = await hrId();
    expect(await ctx.db.csObject.count({ where: { maId } })).toBe(500);
    expect(await ctx.db.csObject.count({ where: { maId, pendingImportOp: "add", deleted: false } })).toBe(500);
    expect(await ctx.db.mvObject.count()).toBe(0);

    const again = await s.run("HR", "full-import");
    expect(again.status).toBe("success");
    expect(again.steps[0]!.stats).toMatchObject({ "import-add": PEOPLE - 500 });
    expect(await ctx.db.csObject.count({ where: { maId, pendingImportOp: "add" } })).toBe(PEOPLE);
  });

  it("a full sync stops after a whole page: its connectors, mventries and provisioned objects are all there, the rest stays staged", async () => {
    const r = await s.runWith("HR", ["full-sync"], { shouldStop: stopAfter(1).shouldStop });
    expect(r.status).toBe("stopped-user");
    expect(r.steps[0]!.stats).toMatchObject({ projections: 1000, "provisioning-adds": 1000 });
    const maId = await hrId();
    expect(await ctx.db.csObject.count({ where: { maId, state: "connector" } })).toBe(1000);
    expect(await ctx.db.csObject.count({ where: { maId, pendingImportOp: "add" } })).toBe(PEOPLE - 1000);
    expect(await ctx.db.mvObject.count()).toBe(1000);
    expect(await ctx.db.pendingExport.count({ where: { maId: await outId(), op: "add", status: "pending" } })).toBe(1000);

    const rest = await s.run("HR", "delta-sync");
    expect(rest.status).toBe("success");
    expect(rest.steps[0]!.stats).toMatchObject({ projections: PEOPLE - 1000 });
    expect(await ctx.db.mvObject.count()).toBe(PEOPLE);
    expect(await ctx.db.pendingExport.count({ where: { maId: await outId(), status: "pending" } })).toBe(PEOPLE);
  });

  it("an export stops after a whole batch: what it sent is committed and marked exported, the rest stays pending", async () => {
    const r = await s.runWith("Out", ["export"], { shouldStop: stopAfter(1).shouldStop });
    expect(r.status).toBe("stopped-user");
    expect(r.steps[0]!.stats).toMatchObject({ "export-add": 500 });
    const maId = await outId();
    expect(await ctx.db.pendingExport.count({ where: { maId, status: "exported" } })).toBe(500);
    expect(await ctx.db.pendingExport.count({ where: { maId, status: "pending", exportRunId: null } })).toBe(PEOPLE - 500);
    const rows = () => fs.readFileSync(outFile, "utf8").trim().split("\n").length - 1;
    expect(rows()).toBe(500);

    const rest = await s.run("Out", "export");
    expect(rest.status).toBe("success");
    expect(rest.steps[0]!.stats).toMatchObject({ "export-add": PEOPLE - 500 });
    expect(rows()).toBe(PEOPLE);
    expect(await ctx.db.pendingExport.count({ where: { maId, status: "exported" } })).toBe(PEOPLE);
  });

  it("a stop asked for between two steps skips the next step; one asked for before the first runs nothing", async () => {
    const probe = stopAfter(2); // before step 1: go; after its only batch: go; before step 2: stop
    const r = await s.runWith("Small", ["full-import", "delta-sync"], { shouldStop: probe.shouldStop });
    expect(r.status).toBe("stopped-user");
    expect(r.steps.map((x) => [x.type, x.status])).toEqual([["full-import", "success"]]);
    expect(r.message).toBe("stopped on request before step 2 (delta-sync); the remaining step was skipped");

    expect(probe.calls).toBe(3);
    expect(await ctx.db.csObject.count({ where: { ma: { name: "Small" }, pendingImportOp: "add" } })).toBe(3);

    const none = await s.runWith("Small", ["full-import", "delta-sync"], { shouldStop: async () => true });
    expect(none).toMatchObject({ status: "stopped-user", steps: [], message: "stopped on request before step 1 (full-import); the remaining 2 steps were skipped" });
  });
});
