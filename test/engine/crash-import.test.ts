// Crash safety of a full import: the process is SIGKILLed mid-step; after a restart the run is
// stopped-server and a re-run ends in the same state as an uninterrupted import of the same file
// on a second fresh database (the first import of 20,000 rows, then a changed file with updates,
// adds and deletes over a synchronized connector space).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { tempDir } from "./scenario-kit.ts";
import { expectSameState, restartAndCheck, runAndKill, runToEnd, snapshot } from "./crash-kit.ts";
import { CRASH_ROWS, setupCrashScenario, writeHr } from "./crash-scenario.ts";

const midImport = (e: { event: string; stepType?: string; done?: number }) => e.event === "progress" && e.stepType === "full-import" && (e.done ?? 0) > 0;

describe.each(PROVIDERS)("crash during a full import on %s", (provider) => {
  let crashed: FreshDatabase;
  let clean: FreshDatabase;
  let dir: string;
  let hr: string;

  beforeAll(async () => {
    [crashed, clean] = await Promise.all([freshDatabase(provider), freshDatabase(provider)]);
    dir = tempDir("crash-import");
    hr = path.join(dir, "hr.csv");
    writeHr(hr);
    await setupCrashScenario(crashed.db, hr, path.join(dir, "out-crashed.csv"));
    await setupCrashScenario(clean.db, hr, path.join(dir, "out-clean.csv"));
  });

  afterAll(async () => {
    await crashed?.cleanup();
    await clean?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("re-runs a first import killed mid-step to the state of an uninterrupted one", async () => {
    const killed = await runAndKill(crashed.url, "HR", ["full-import"], midImport);
    await restartAndCheck(crashed.db, killed.runId);
    const staged = await crashed.db.csObject.count();
    expect(staged).toBeGreaterThan(0);
    expect(staged).toBeLessThan(CRASH_ROWS);
    expect(staged % 500).toBe(0); // whole batches only: each batch is one transaction

    expect((await runToEnd(crashed.db, "HR", ["full-import"])).status).toBe("success");
    expect((await runToEnd(clean.db, "HR", ["full-import"])).status).toBe("success");
    const [a, b] = [await snapshot(crashed.db), await snapshot(clean.db)];
    expect(b.cs).toHaveLength(CRASH_ROWS);
    expectSameState(a, b);
  }, 240_000);

  it("re-runs an import of a changed file (updates, adds, deletes) killed mid-step", async () => {
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["full-sync"])).status).toBe("success");
    // every third person gets a new title; the last 1,000 leave; 1,000 new people join
    const lines = fs.readFileSync(hr, "utf8").trim().split("\n");
    const kept = lines.slice(1, 1 + CRASH_ROWS - 1000).map((l, i) => (i % 3 === 0 ? l.replace(/,Engineer$/, ",Lead") : l));
    const joined = Array.from({ length: 1000 }, (_, i) => `N${String(i).padStart(6, "0")},New${i},Joiner${i},Trainee`);
    fs.writeFileSync(hr, `${[lines[0], ...kept, ...joined].join("\n")}\n`);

    const killed = await runAndKill(crashed.url, "HR", ["full-import"], midImport);
    await restartAndCheck(crashed.db, killed.runId);
    expect((await runToEnd(crashed.db, "HR", ["full-import"])).status).toBe("success");
    expect((await runToEnd(clean.db, "HR", ["full-import"])).status).toBe("success");
    const [a, b] = [await snapshot(crashed.db), await snapshot(clean.db)];
    expect(b.cs.filter((c) => c.includes('"pending":{"op":"delete"}'))).toHaveLength(1000);
    expectSameState(a, b);

    // and the synchronization after it agrees too
    for (const f of [crashed, clean]) expect((await runToEnd(f.db, "HR", ["delta-sync"])).status).toBe("success");
    expectSameState(await snapshot(crashed.db), await snapshot(clean.db));
  }, 300_000);
});
