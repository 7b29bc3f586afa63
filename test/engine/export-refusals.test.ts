// A change the system refuses fails alone: the accepted changes of the same export are exported
// (and confirmed by the next import), the refused one stays "failed" with its reason, the next
// export retries it once, and a sync that fixes the value lets it through.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { hrMa, scenarioWorkspace, type Scenario, type ScenarioWorkspace } from "./scenario-kit.ts";

describe.each(PROVIDERS)("export refusals on %s", (provider) => {
  let w: ScenarioWorkspace;
  let fresh: FreshDatabase;
  let s: Scenario;
  let hrFile: string;
  let dirFile: string;

  const statuses = async () =>
    (await fresh.db.pendingExport.findMany({ include: { cs: true }, orderBy: { dn: "asc" } })).map((p) => [p.cs.anchor, p.op, p.status, p.error?.split(":")[0] ?? null]);

  beforeAll(async () => {
    w = await scenarioWorkspace(provider, "export-refusals");
    ({ fresh, s } = w);
    hrFile = w.file("hr.csv");
    dirFile = w.file("directory.csv");
    // Ł is not in latin1: the directory file cannot hold Łukasz's name.
    fs.writeFileSync(hrFile, "id,givenName,sn\nE1,Ann,Lee\nE2,Łukasz,Nowak\nE3,Zoë,Roy\n");
    await s.ma(hrMa(hrFile, [{ objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" }]));
    await s.ma({
      name: "Directory",
      type: "csv",
      config: { path: dirFile, anchor: "uid", objectType: "person", encoding: "latin1" },
      rules: {
        provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: "employeeID", anchor: "employeeID" }],
        exportFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" }],
      },
    });
    const hr = await s.run("HR", "full-import", "full-sync");
    expect(hr.steps[1].stats["provisioning-adds"]).toBe(3);
  });

  afterAll(() => w?.cleanup());

  it("exports the accepted adds and keeps the refused one failed with its reason", async () => {
    const exp = await s.run("Directory", "export");
    expect(exp.status).toBe("completed-export-errors");
    expect(exp.steps[0].stats["export-add"]).toBe(2);
    expect(exp.steps[0].stats["export-failure"]).toBe(1);
    expect(await statuses()).toEqual([
      ["E1", "add", "exported", null],
      ["E2", "add", "failed", "csv-export-bad-value"],
      ["E3", "add", "exported", null],
    ]);
    const file = fs.readFileSync(dirFile, "latin1");
    expect(file).toContain("Zoë Roy");
    expect(file).not.toContain("Nowak");
    const errors = await s.errors(exp.steps[0].stepId);
    expect(errors.map((e) => e.code)).toEqual(["csv-export-bad-value"]);
  });

  it("retries the refused change once per export, without resending the exported ones", async () => {
    const exp = await s.run("Directory", "export");
    expect(exp.steps[0].stats["export-add"]).toBeUndefined();
    expect(exp.steps[0].stats["export-failure"]).toBe(1);
    expect((await statuses())[1]).toEqual(["E2", "add", "failed", "csv-export-bad-value"]);
  });

  it("lets the change through once a sync fixes the value, and the next import confirms everything", async () => {
    fs.writeFileSync(hrFile, "id,givenName,sn\nE1,Ann,Lee\nE2,Lukasz,Nowak\nE3,Zoë,Roy\n");
    await s.run("HR", "full-import", "delta-sync");
    const exp = await s.run("Directory", "export");
    expect(exp.status).toBe("success");
    expect(exp.steps[0].stats["export-add"]).toBe(1);
    const imp = await s.run("Directory", "full-import", "delta-sync");
    expect(imp.steps[0].stats["exported-change-not-reimported"]).toBeUndefined();
    expect(await fresh.db.pendingExport.count()).toBe(0);
    expect(fs.readFileSync(dirFile, "latin1")).toContain("Lukasz Nowak");
  });
});
