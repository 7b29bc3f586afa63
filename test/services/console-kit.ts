// Shared setup of the console service tests: a fresh SQLite database with the person/group model,
// an HR CSV MA (projects people) and an "Out" CSV MA (provisions an account per person, deletion
// threshold of 1), run profiles as an admin would start them, and a helper to wait for a run's end.
import fs from "node:fs";
import path from "node:path";
import type { SessionUser } from "../../lib/auth/roles.ts";
import type { Db } from "../../lib/store/db.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";

export const admin: SessionUser = { id: "a", username: "alice-admin", displayName: "Alice", role: "admin" };
export const helpdesk: SessionUser = { id: "h", username: "desk", displayName: "Desk", role: "helpdesk" };

export const people = (ids: string[]) => "id,givenName,sn\n" + ids.map((i) => `${i},G${i},S${i}\n`).join("");

export interface ConsoleWorld {
  fresh: FreshSqlite;
  db: Db;
  s: Scenario;
  dir: string;
  hr: string;
  out: string;
  maId(name: string): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * `badges`: a third MA ("Badges", CSV, anchor badge) with no join or projection rule, so every
 * csentry stays a normal disconnector for the Joiner; its badge flows to person.badgeId once linked.
 */
export async function consoleWorld(prefix: string, opts: { stagingMode?: boolean; badges?: string } = {}): Promise<ConsoleWorld> {
  const fresh = await freshSqlite();
  const s = new Scenario(fresh.db);
  const dir = tempDir(prefix);
  const hr = path.join(dir, "hr.csv");
  const out = path.join(dir, "out.csv");
  fs.writeFileSync(hr, people(["E1", "E2", "E3"]));
  await s.model(PERSON, GROUP);
  await s.ma({
    name: "HR",
    type: "csv",
    config: { path: hr, anchor: "id" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
      importFlows: [
        { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
      ],
      deleteMvOnDisconnect: true,
    },
    runProfiles: [
      { name: "Full Import and Sync", steps: [{ type: "full-import" }, { type: "full-sync" }] },
      { name: "Delta Sync", steps: [{ type: "delta-sync" }] },
    ],
  });
  await s.ma({
    name: "Out",
    type: "csv",
    config: { path: out, anchor: "uid" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "uid", mv: "employeeID" }] }], project: false }],
      provisioning: [{ name: "all", mvObjectType: "person", condition: "$exists(employeeID)", objectType: "person", dn: "employeeID", anchor: "employeeID", initial: { uid: "employeeID" } }],
      exportFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" }],
      deprovision: "delete",
    },
    safety: { deletionThresholdCount: 1 },
    stagingMode: opts.stagingMode ?? false,
    runProfiles: [
      { name: "Export", steps: [{ type: "export" }] },
      { name: "Full Import", steps: [{ type: "full-import" }] },
      { name: "Full Import and Delta Sync", steps: [{ type: "full-import" }, { type: "delta-sync" }] },
    ],
  });
  if (opts.badges !== undefined) {
    const badges = path.join(dir, "badges.csv");
    fs.writeFileSync(badges, opts.badges);
    await s.ma({
      name: "Badges",
      type: "csv",
      config: { path: badges, anchor: "badge" },
      rules: { importFlows: [{ objectType: "person", mvObjectType: "person", cs: "badge", mv: "badgeId" }] },
      runProfiles: [{ name: "Delta Sync", steps: [{ type: "delta-sync" }] }],
    });
  }
  return {
    fresh,
    db: fresh.db,
    s,
    dir,
    hr,
    out,
    async maId(name) {
      return (await fresh.db.managementAgent.findUniqueOrThrow({ where: { name } })).id;
    },
    async cleanup() {
      await fresh.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the run is no longer queued or in progress; returns its final status. */
export async function waitForRun(db: Db, runId: string, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== "queued" && run.status !== "in-progress") return run.status;
    if (Date.now() > until) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
