// A full import of a target before its first export: provisioned csentries whose add is still to be
// exported are not in the system yet, so the import must neither stage their deletion nor count
// them for the empty-source guard; an exported add the system does not hold is reported.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { hrMa, scenarioWorkspace, type Scenario, type ScenarioWorkspace } from "./scenario-kit.ts";

describe.each(PROVIDERS)("full import before the first export on %s", (provider) => {
  let w: ScenarioWorkspace;
  let fresh: FreshDatabase;
  let s: Scenario;
  let dir: string;
  let dirFile: string;

  beforeAll(async () => {
    w = await scenarioWorkspace(provider, "before-export");
    ({ fresh, s, dir } = w);
    const hrFile = w.file("hr.csv");
    dirFile = w.file("directory.csv");
    fs.writeFileSync(hrFile, "id,givenName,sn\nE1,Ann,Lee\nE2,Bob,Jones\n");
    fs.writeFileSync(dirFile, "uid,cn,employeeNumber\n");
    await s.ma(
      hrMa(hrFile, [
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        { objectType: "person", mvObjectType: "person", expression: "$lower($substring(givenName, 0, 1) & sn)", mv: "accountName" },
      ]),
    );
    await s.ma({
      name: "Directory",
      type: "csv",
      config: { path: dirFile, anchor: "uid", objectType: "person", dnTemplate: "cn={cn},o=dir" },
      rules: {
        provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: "'cn=' & displayName & ',o=dir'", anchor: "accountName", initial: { uid: "accountName" } }],
        exportFlows: [
          { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
          { objectType: "person", mvObjectType: "person", mv: "employeeID", cs: "employeeNumber" },
        ],
      },
    });
    const hr = await s.run("HR", "full-import", "full-sync");
    expect(hr.status).toBe("success");
    expect(hr.steps[1].stats["provisioning-adds"]).toBe(2);
  });

  afterAll(() => w?.cleanup());

  it("keeps provisioned csentries awaiting export: no deletes staged, the guard does not trip", async () => {
    const imp = await s.run("Directory", "full-import");
    expect(imp.status).toBe("success");
    expect(imp.steps[0].stats["import-delete"]).toBeUndefined();
    const cs = await fresh.db.csObject.findMany({ where: { ma: { name: "Directory" } }, orderBy: { anchor: "asc" } });
    expect(cs.map((c) => [c.anchor, c.deleted, c.state])).toEqual([
      ["alee", false, "connector"],
      ["bjones", false, "connector"],
    ]);
    expect(await fresh.db.pendingExport.count({ where: { op: "add", status: "pending" } })).toBe(2);
  });

  it("exports the adds, and the next full import confirms them", async () => {
    const exp = await s.run("Directory", "export");
    expect(exp.steps[0].stats["export-add"]).toBe(2);
    const imp = await s.run("Directory", "full-import", "delta-sync");
    expect(imp.status).toBe("success");
    expect(imp.steps[0].stats["exported-change-not-reimported"]).toBeUndefined();
    expect(await fresh.db.pendingExport.count()).toBe(0);
  });

  it("reports an exported add the system lost instead of deleting its csentry", async () => {
    fs.writeFileSync(path.join(dir, "hr.csv"), "id,givenName,sn\nE1,Ann,Lee\nE2,Bob,Jones\nE3,Cid,Moe\n");
    expect((await s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    expect((await s.run("Directory", "export")).steps[0].stats["export-add"]).toBe(1);
    // Someone restores yesterday's file: the exported add of cmoe is gone.
    fs.writeFileSync(dirFile, fs.readFileSync(dirFile, "utf8").split("\n").filter((l) => !l.startsWith("cmoe,")).join("\n"));
    const imp = await s.run("Directory", "full-import");
    expect(imp.status).toBe("completed-warnings");
    expect(imp.steps[0].stats["exported-change-not-reimported"]).toBe(1);
    expect(imp.steps[0].stats["import-delete"]).toBeUndefined();
    const errors = await s.errors(imp.steps[0].stepId);
    expect(errors.map((e) => [e.code, e.dn])).toEqual([["exported-change-not-reimported", "cn=Cid Moe,o=dir"]]);
    const cid = await fresh.db.csObject.findFirst({ where: { anchor: "cmoe" } });
    expect(cid?.deleted).toBe(false);
  });

  it("a provisioned csentry without an anchor is found by its DN and takes the system's anchor", async () => {
    const mirrorFile = path.join(dir, "mirror.csv");
    fs.writeFileSync(mirrorFile, "uid,cn\n");
    await s.ma({
      name: "Mirror",
      type: "csv",
      config: { path: mirrorFile, anchor: "uid", objectType: "person", dnTemplate: "cn={cn},o=mirror" },
      rules: {
        provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: "'cn=' & displayName & ',o=mirror'" }],
        exportFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" }],
      },
    });
    // A new hire is provisioned to Mirror without an anchor (the rule sets none).
    fs.writeFileSync(path.join(dir, "hr.csv"), "id,givenName,sn\nE1,Ann,Lee\nE2,Bob,Jones\nE3,Cid,Moe\nE4,Dan,Roe\n");
    expect((await s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    const mirror = () => fresh.db.csObject.findMany({ where: { ma: { name: "Mirror" } } });
    expect((await mirror()).map((c) => [c.dn, c.anchor])).toEqual([["cn=Dan Roe,o=mirror", null]]);
    // The entry reaches the system another way (a restored file); the import adopts it by its DN.
    fs.writeFileSync(mirrorFile, "uid,cn\nm4,Dan Roe\n");
    const imp = await s.run("Mirror", "full-import");
    expect(imp.status).toBe("success");
    expect(imp.steps[0].stats["import-add"]).toBeUndefined();
    expect((await mirror()).map((c) => [c.dn, c.anchor, c.deleted])).toEqual([["cn=Dan Roe,o=mirror", "m4", false]]);
  });
});
