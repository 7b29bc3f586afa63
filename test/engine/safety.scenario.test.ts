// The guards admins rely on: an empty or truncated source, a mass delete on export, staging mode,
// and the per-step error limit.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSqlite, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "./scenario-kit.ts";
import { runProfile } from "../../lib/engine/run-profile.ts";
import { registryConnectorFactory } from "../../lib/connectors/registry.ts";

const people = (ids: string[]) => "id,givenName,sn\n" + ids.map((i) => `${i},G${i},S${i}\n`).join("");

describe("engine safety guards", () => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let dir: string;
  let hr: string;
  let out: string;

  beforeAll(async () => {
    fresh = await freshSqlite();
    s = new Scenario(fresh.db);
    dir = tempDir("safety");
    hr = path.join(dir, "hr.csv");
    out = path.join(dir, "out.csv");
    fs.writeFileSync(hr, people(["E1", "E2", "E3", "E4"]));
    await s.model(PERSON, GROUP);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: hr, anchor: "id" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", project: true }],
        importFlows: [
          { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
          { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        ],
        deleteMvOnDisconnect: true,
      },
      safety: { maxDeletePercentOnImport: 40, errorLimit: 2 },
    });
    await s.ma({
      name: "Out",
      type: "csv",
      config: { path: out, anchor: "uid" },
      rules: {
        provisioning: [{ name: "all", mvObjectType: "person", objectType: "person", dn: "employeeID", anchor: "employeeID", initial: { uid: "employeeID" } }],
        exportFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" }],
        deprovision: "delete",
      },
      safety: { deletionThresholdCount: 1 },
    });
    expect((await s.run("HR", "full-import", "full-sync")).status).toBe("success");
    expect((await s.run("Out", "export", "full-import", "delta-sync")).status).toBe("success");
  });

  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stops a full import that returns nothing, staging no deletes", async () => {
    fs.writeFileSync(hr, "id,givenName,sn\n");
    const r = await s.run("HR", "full-import");
    expect(r.status).toBe("stopped-empty-source");
    expect(r.message).toContain("returned no objects");
    expect(await fresh.db.csObject.count({ where: { ma: { name: "HR" }, deleted: true } })).toBe(0);
  });

  it("stops a full import that would delete more than the allowed share", async () => {
    fs.writeFileSync(hr, people(["E1", "E2"]));
    const r = await s.run("HR", "full-import");
    expect(r.status).toBe("stopped-empty-source");
    expect(r.message).toContain("50%");
    expect(await fresh.db.csObject.count({ where: { ma: { name: "HR" }, deleted: true } })).toBe(0);
  });

  it("stops an export over the deletion threshold before writing anything, and runs it once approved", async () => {
    fs.writeFileSync(hr, people(["E1", "E2", "E3"]));
    expect((await s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    fs.writeFileSync(hr, people(["E1", "E2"]));
    expect((await s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    const before = fs.readFileSync(out, "utf8");
    const stopped = await s.run("Out", "export");
    expect(stopped.status).toBe("stopped-deletion-threshold");
    expect(stopped.message).toContain("2 pending deletes");
    expect(fs.readFileSync(out, "utf8")).toBe(before);
    const ma = (await s.store.getMa("Out"))!;
    const run = await fresh.db.run.create({ data: { maId: ma.id, profileName: "approved", trigger: "user", startedBy: "admin", status: "in-progress" } });
    const approved = await runProfile(s.store, registryConnectorFactory, { runId: run.id, ma, steps: [{ type: "export" }], approveDeletes: true });
    expect(approved.status).toBe("success");
    expect(approved.steps[0].stats["export-delete"]).toBe(2);
  });

  it("holds exports in staging mode", async () => {
    await fresh.db.managementAgent.update({ where: { name: "Out" }, data: { stagingMode: true } });
    fs.writeFileSync(hr, people(["E1", "E2", "E5"]));
    expect((await s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    const held = await s.run("Out", "export");
    expect(held.status).toBe("success");
    expect(held.message ?? held.steps[0].message).toContain("staging mode");
    const outMa = (await s.store.getMa("Out"))!;
    expect(await fresh.db.pendingExport.count({ where: { maId: outMa.id, status: "pending" } })).toBe(1);
    await fresh.db.managementAgent.update({ where: { name: "Out" }, data: { stagingMode: false } });
  });

  it("stops a step at the error limit", async () => {
    fs.writeFileSync(hr, people(["E1", "E2", "E5"]) + "bad1\nbad2,x\nE9,G,S\n");
    const r = await s.run("HR", "full-import");
    expect(r.status).toBe("stopped-error-limit");
    expect(r.steps[0].stats.errors).toBe(2);
  });
});
