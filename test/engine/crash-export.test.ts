// Crash safety of an export: SIGKILL while the changes are being written, and right after the
// connector committed them but before the engine recorded them as exported (also with a sync
// merging more changes into those adds before the re-export). After a restart the
// run is stopped-server; a re-run ends with the same file and the same pending exports as an
// uninterrupted export on a second database, and the confirming import agrees too.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { tempDir } from "./scenario-kit.ts";
import { expectSameState, restartAndCheck, runAndKill, runToEnd, snapshot } from "./crash-kit.ts";
import { fileRows, setupCrashScenario, writeHr } from "./crash-scenario.ts";

const N = 6_000;

describe.each(PROVIDERS)("crash during an export on %s", (provider) => {
  let crashed: FreshDatabase;
  let clean: FreshDatabase;
  let dir: string;
  let hr: string;
  const out = (name: string) => path.join(dir, `out-${name}.csv`);

  beforeAll(async () => {
    [crashed, clean] = await Promise.all([freshDatabase(provider), freshDatabase(provider)]);
    dir = tempDir("crash-export");
    hr = path.join(dir, "hr.csv");
    writeHr(hr, N);
    await setupCrashScenario(crashed.db, hr, out("crashed"));
    await setupCrashScenario(clean.db, hr, out("clean"));
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-import", "full-sync"])).status).toBe("success");
  });

  afterAll(async () => {
    await crashed?.cleanup();
    await clean?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function expectSameAfterConfirmingImport(): Promise<void> {
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "Directory", ["full-import", "delta-sync"])).status).toBe("success");
    const [a, b] = [await snapshot(crashed.db), await snapshot(clean.db)];
    expect(b.pendingExports).toEqual([]);
    expectSameState(a, b);
  }

  it("re-runs an export killed after the file was committed but before anything was marked exported", async () => {
    const killed = await runAndKill(crashed.url, "Directory", ["export"], (e) => e.event === "paused", { IDSYNC_TEST_PAUSE: "after-export-commit" });
    await restartAndCheck(crashed.db, killed.runId);
    expect(fileRows(out("crashed"))).toHaveLength(N); // the system has every add...
    expect(await crashed.db.pendingExport.count({ where: { status: "pending" } })).toBe(N); // ...the engine recorded none

    const rerun = await runToEnd(crashed.db, "Directory", ["export"]);
    expect(rerun.status).toBe("success");
    expect((await runToEnd(clean.db, "Directory", ["export"])).status).toBe("success");
    expect(fileRows(out("crashed"))).toEqual(fileRows(out("clean")));
    const [a, b] = [await snapshot(crashed.db), await snapshot(clean.db)];
    expect(b.pendingExports.filter((p) => p.includes('"status":"exported"'))).toHaveLength(N);
    expectSameState(a, b);
    await expectSameAfterConfirmingImport();
  }, 240_000);

  it("re-runs an export of updates killed while the changes were being written", async () => {
    writeHr(hr, N, (i) => (i % 2 === 0 ? "Lead" : "Engineer"));
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-import", "delta-sync"])).status).toBe("success");
    expect(await crashed.db.pendingExport.count({ where: { status: "pending", op: "update" } })).toBe(N / 2);

    const killed = await runAndKill(crashed.url, "Directory", ["export"], (e) => e.event === "progress" && e.stepType === "export" && (e.done ?? 0) > 0);
    await restartAndCheck(crashed.db, killed.runId);
    expect((await runToEnd(crashed.db, "Directory", ["export"])).status).toBe("success");
    expect((await runToEnd(clean.db, "Directory", ["export"])).status).toBe("success");
    const rows = fileRows(out("clean"));
    expect(rows.filter((r) => r.includes('"title":"Lead"'))).toHaveLength(N / 2);
    expect(fileRows(out("crashed"))).toEqual(rows);
    expectSameState(await snapshot(crashed.db), await snapshot(clean.db));
    await expectSameAfterConfirmingImport();
  }, 240_000);

  it("finishes adds an interrupted export had written even after a sync merged more changes into them", async () => {
    const titles = (i: number) => (i % 2 === 0 ? "Lead" : "Engineer");
    writeHr(hr, N + 500, titles); // 500 new hires
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-import", "delta-sync"])).status).toBe("success");
    const killed = await runAndKill(crashed.url, "Directory", ["export"], (e) => e.event === "paused", { IDSYNC_TEST_PAUSE: "after-export-commit" });
    await restartAndCheck(crashed.db, killed.runId);
    expect((await runToEnd(clean.db, "Directory", ["export"])).status).toBe("success");
    // before the re-export, the new hires get a title: the crashed side merges it into its pending adds
    writeHr(hr, N + 500, (i) => (i >= N ? "Senior" : titles(i)));
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-import", "delta-sync"])).status).toBe("success");
    expect(await crashed.db.pendingExport.count({ where: { op: "add", status: "pending", exportRunId: killed.runId } })).toBe(500);
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "Directory", ["export"])).status).toBe("success");
    const rows = fileRows(out("clean"));
    expect(rows.filter((r) => r.includes('"title":"Senior"'))).toHaveLength(500);
    expect(fileRows(out("crashed"))).toEqual(rows);
    await expectSameAfterConfirmingImport();
  }, 240_000);
});
