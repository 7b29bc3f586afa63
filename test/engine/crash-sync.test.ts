// Crash safety of a full synchronization: SIGKILL mid-step leaves whole pages only (each page's
// projections, provisioned connectors and pending exports commit together); after a restart the
// run is stopped-server and a re-run ends in the state of an uninterrupted sync on a second database.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { tempDir } from "./scenario-kit.ts";
import { SYNC_PAGE } from "../../lib/engine/sync-step.ts";
import { expectSameState, restartAndCheck, runAndKill, runToEnd, snapshot } from "./crash-kit.ts";
import { setupCrashScenario, writeHr } from "./crash-scenario.ts";

const N = 6_000;

describe.each(PROVIDERS)("crash during a full sync on %s", (provider) => {
  let crashed: FreshDatabase;
  let clean: FreshDatabase;
  let dir: string;
  let hr: string;

  beforeAll(async () => {
    [crashed, clean] = await Promise.all([freshDatabase(provider), freshDatabase(provider)]);
    dir = tempDir("crash-sync");
    hr = path.join(dir, "hr.csv");
    writeHr(hr, N);
    await setupCrashScenario(crashed.db, hr, path.join(dir, "out-crashed.csv"));
    await setupCrashScenario(clean.db, hr, path.join(dir, "out-clean.csv"));
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-import"])).status).toBe("success");
  });

  afterAll(async () => {
    await crashed?.cleanup();
    await clean?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("re-runs a full sync killed mid-step (projection and provisioning) to the state of an uninterrupted one", async () => {
    const killed = await runAndKill(crashed.url, "HR", ["full-sync"], (e) => e.event === "progress" && e.stepType === "full-sync" && (e.done ?? 0) > 0);
    await restartAndCheck(crashed.db, killed.runId);
    // whole pages only: every projected mventry has its provisioned connector and its pending add
    const mvs = await crashed.db.mvObject.count();
    expect(mvs).toBeGreaterThan(0);
    expect(mvs).toBeLessThan(N);
    expect(mvs % SYNC_PAGE).toBe(0);
    expect(await crashed.db.csObject.count({ where: { ma: { name: "Directory" } } })).toBe(mvs);
    expect(await crashed.db.pendingExport.count({ where: { op: "add" } })).toBe(mvs);
    expect(await crashed.db.csObject.count({ where: { ma: { name: "HR" }, pendingImportOp: null } })).toBe(mvs);

    expect((await runToEnd(crashed.db, "HR", ["full-sync"])).status).toBe("success");
    expect((await runToEnd(clean.db, "HR", ["full-sync"])).status).toBe("success");
    const [a, b] = [await snapshot(crashed.db), await snapshot(clean.db)];
    expect(b.mv).toHaveLength(N);
    expect(b.pendingExports).toHaveLength(N);
    expectSameState(a, b);
  }, 240_000);

  it("re-runs a delta sync of changed people killed mid-step", async () => {
    writeHr(hr, N, (i) => (i % 2 === 0 ? "Lead" : "Engineer"));
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-import"])).status).toBe("success");
    const killed = await runAndKill(crashed.url, "HR", ["delta-sync"], (e) => e.event === "progress" && e.stepType === "delta-sync" && (e.done ?? 0) > 0);
    await restartAndCheck(crashed.db, killed.runId);
    expect((await runToEnd(crashed.db, "HR", ["delta-sync"])).status).toBe("success");
    expect((await runToEnd(clean.db, "HR", ["delta-sync"])).status).toBe("success");
    const [a, b] = [await snapshot(crashed.db), await snapshot(clean.db)];
    expect(b.mv.filter((m) => m.includes('"title":["Lead"]'))).toHaveLength(N / 2);
    expectSameState(a, b);
  }, 240_000);
});
