// A run executes inside the console's server process on SQLite, where better-sqlite3 never waits on
// I/O: unless each step yields between batches, a long synchronization or export would freeze the
// server (no live progress, no other page) until it ends. Timers must keep firing during each step.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../support/databases.ts";
import { PERSON, Scenario, tempDir } from "./scenario-kit.ts";

const ROWS = 3_000;

describe("steps give the event loop a turn per batch (SQLite)", () => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let dir: string;

  beforeAll(async () => {
    fresh = await freshDatabase("sqlite");
    s = new Scenario(fresh.db);
    dir = tempDir("event-loop");
    const rows = Array.from({ length: ROWS }, (_, i) => `E${i},Given${i},Sur${i}`);
    fs.writeFileSync(path.join(dir, "hr.csv"), `id,givenName,sn\n${rows.join("\n")}\n`);
    fs.writeFileSync(path.join(dir, "out.csv"), "uid,cn\n");
    await s.model(PERSON);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: path.join(dir, "hr.csv"), anchor: "id", objectType: "person" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
        importFlows: [
          { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
          { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        ],
      },
    });
    await s.ma({
      name: "Out",
      type: "csv",
      config: { path: path.join(dir, "out.csv"), anchor: "uid", objectType: "person" },
      rules: {
        provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: "'uid=' & employeeID", anchor: "employeeID", initial: { uid: "employeeID" } }],
        exportFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" }],
      },
    });
    expect((await s.run("HR", "full-import")).status).toBe("success");
  });

  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
    return ticks;
  }

  it("fires timers while a full synchronization of 3,000 csentries runs", async () => {
    const ticks = await ticksDuring(async () => expect((await s.run("HR", "full-sync")).status).toBe("success"));
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(await fresh.db.mvObject.count()).toBe(ROWS);
  });

  it("fires timers while an export of 3,000 adds runs", async () => {
    const ticks = await ticksDuring(async () => expect((await s.run("Out", "export")).status).toBe("success"));
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(fs.readFileSync(path.join(dir, "out.csv"), "utf8").trim().split("\n")).toHaveLength(ROWS + 1);
  });
});
