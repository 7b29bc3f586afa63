// The engine end to end on CSV files: an HR source projects people and a group, a badge system
// joins half of them, precedence decides who owns `title`, a directory file is provisioned,
// exported and confirmed; then a rename, a termination and a membership change flow through.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "./scenario-kit.ts";

const HR_HEADER = "type,id,givenName,sn,title,status,member";
const hrRows = (rows: string[]) => [HR_HEADER, ...rows].join("\n") + "\n";

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, bom: true });
}

describe.each(PROVIDERS)("HR -> directory scenario (CSV) on %s", (provider) => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let dir: string;
  let hrFile: string;
  let dirFile: string;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    s = new Scenario(fresh.db);
    dir = tempDir("scenario");
    hrFile = path.join(dir, "hr.csv");
    dirFile = path.join(dir, "directory.csv");
    fs.writeFileSync(
      hrFile,
      hrRows([
        "person,E1,Ann,Lee,Engineer,active,",
        "person,E2,Bob,Jones,,active,",
        "person,E3,Cid,Moe,Clerk,active,",
        "person,E4,broken,row", // wrong column count: fails alone
        "group,Staff,,,,,E1|E2|E3",
      ]),
    );
    fs.writeFileSync(path.join(dir, "badge.csv"), "employeeID,badgeId,title\nE1,B1,Badge Title\nE2,B2,Boss\nX9,B9,Nobody\n");
    await s.model(PERSON, GROUP);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: hrFile, anchor: "id", objectTypeColumn: "type", multiValued: ["member"], referenceColumns: ["member"] },
      rules: {
        joinProjection: [
          { objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true },
          { objectType: "group", mvObjectType: "group", project: true },
        ],
        importFlows: [
          { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
          { objectType: "person", mvObjectType: "person", cs: "givenName", mv: "givenName" },
          { objectType: "person", mvObjectType: "person", cs: "sn", mv: "sn" },
          { objectType: "person", mvObjectType: "person", cs: "status", mv: "status" },
          { objectType: "person", mvObjectType: "person", cs: "title", mv: "title", precedence: 10 },
          { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
          { objectType: "person", mvObjectType: "person", expression: "$lower($substring(givenName, 0, 1) & sn)", mv: "accountName" },
          { objectType: "group", mvObjectType: "group", cs: "id", mv: "cn" },
          { objectType: "group", mvObjectType: "group", cs: "member", mv: "member" },
        ],
        deleteMvOnDisconnect: true,
      },
    });
    await s.ma({
      name: "Badge",
      type: "csv",
      config: { path: path.join(dir, "badge.csv"), anchor: "badgeId" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }] }],
        importFlows: [
          { objectType: "person", mvObjectType: "person", cs: "badgeId", mv: "badgeId" },
          { objectType: "person", mvObjectType: "person", cs: "title", mv: "title", precedence: 50 },
        ],
      },
    });
    await s.ma({
      name: "Directory",
      type: "csv",
      config: { path: dirFile, anchor: "uid", objectTypeColumn: "type", dnTemplate: "cn={cn},o=dir", multiValued: ["member"], referenceColumns: ["member"] },
      rules: {
        provisioning: [
          { name: "accounts", mvObjectType: "person", condition: "status != 'terminated'", objectType: "person", dn: "'cn=' & displayName & ',o=dir'", anchor: "accountName", initial: { uid: "accountName" } },
          { name: "groups", mvObjectType: "group", objectType: "group", dn: "'cn=' & cn & ',o=dir'", anchor: "cn" },
        ],
        exportFlows: [
          { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
          { objectType: "person", mvObjectType: "person", mv: "employeeID", cs: "employeeNumber" },
          { objectType: "person", mvObjectType: "person", mv: "title", cs: "title" },
          { objectType: "group", mvObjectType: "group", mv: "cn", cs: "uid" },
          { objectType: "group", mvObjectType: "group", mv: "cn", cs: "cn" },
          { objectType: "group", mvObjectType: "group", mv: "member", cs: "member" },
        ],
        deprovision: "delete",
      },
    });
  });

  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports HR; a bad row fails alone with its line number", async () => {
    const out = await s.run("HR", "full-import");
    expect(out.status).toBe("completed-warnings");
    expect(out.steps[0].stats["import-add"]).toBe(4);
    const errors = await s.errors(out.steps[0].stepId);
    expect(errors).toHaveLength(1);
    expect(errors[0].location).toBe(`${hrFile}:5`);
  });

  it("projects people and the group, and provisions them into the directory", async () => {
    const out = await s.run("HR", "full-sync");
    expect(out.status).toBe("success");
    expect(out.steps[0].stats.projections).toBe(4);
    expect(out.steps[0].stats["provisioning-adds"]).toBe(4);
    const ann = await s.mvByAttr("person", "employeeID", "E1");
    expect(ann?.attrs.displayName).toEqual(["Ann Lee"]);
    expect(ann?.attrs.accountName).toEqual(["alee"]);
    const staff = await s.mvByAttr("group", "cn", "Staff");
    expect(staff?.attrs.member).toHaveLength(3);
  });

  it("joins a second source; precedence keeps HR's title and fills the one HR lacks", async () => {
    const out = await s.run("Badge", "full-import", "full-sync");
    expect(out.status).toBe("success");
    expect(out.steps[1].stats.joins).toBe(2);
    expect(out.steps[1].stats.disconnectors).toBe(1);
    const ann = await s.mvByAttr("person", "employeeID", "E1");
    const bob = await s.mvByAttr("person", "employeeID", "E2");
    expect(ann?.attrs.title).toEqual(["Engineer"]);
    expect(ann?.attrs.badgeId).toEqual(["B1"]);
    expect(bob?.attrs.title).toEqual(["Boss"]);
  });

  it("exports the directory with member references as directory DNs, and the next import confirms it", async () => {
    const exp = await s.run("Directory", "export");
    expect(exp.status).toBe("success");
    expect(exp.steps[0].stats["export-add"]).toBe(4);
    const rows = readCsv(dirFile);
    const group = rows.find((r) => r.type === "group");
    expect(group?.member.split("|").sort()).toEqual(["cn=Ann Lee,o=dir", "cn=Bob Jones,o=dir", "cn=Cid Moe,o=dir"]);
    expect(rows.find((r) => r.uid === "bjones")?.title).toBe("Boss");

    const imp = await s.run("Directory", "full-import", "delta-sync");
    expect(imp.status).toBe("success");
    expect(imp.steps[0].stats["exported-change-not-reimported"]).toBeUndefined();
    expect(await fresh.db.pendingExport.count()).toBe(0);
    // Confirmed objects joined by provisioning stay connectors with nothing new to export.
    expect(await fresh.db.csObject.count({ where: { ma: { name: "Directory" }, state: "connector" } })).toBe(4);
  });

  it("flows a rename, a termination, a membership change and an attribute recall to the directory", async () => {
    fs.writeFileSync(
      hrFile,
      hrRows([
        "person,E1,Ann,Smith,,active,", // surname change -> rename; title cleared -> Badge's title is recalled
        "person,E2,Bob,Jones,,active,",
        "person,E3,Cid,Moe,Clerk,terminated,",
        "group,Staff,,,,,E1|E3",
      ]),
    );
    const hr = await s.run("HR", "full-import", "delta-sync");
    expect(hr.status).toBe("success");
    expect(hr.steps[0].stats["import-update"]).toBe(3);
    expect(hr.steps[1].stats["provisioning-renames"]).toBe(1);
    expect(hr.steps[1].stats["provisioning-disconnects"]).toBe(1);
    const ann = await s.mvByAttr("person", "employeeID", "E1");
    expect(ann?.attrs.title).toEqual(["Badge Title"]);
    expect(ann?.attrs.accountName).toEqual(["asmith"]); // the directory keeps its immutable uid "alee"
    expect(ann?.lineage.title.maId).toBe((await s.store.getMa("Badge"))!.id);

    const exp = await s.run("Directory", "export");
    expect(exp.status).toBe("success");
    expect(exp.steps[0].stats["export-rename"]).toBe(1);
    expect(exp.steps[0].stats["export-delete"]).toBe(1);
    const rows = readCsv(dirFile);
    expect(rows.find((r) => r.uid === "alee")?.cn).toBe("Ann Smith");
    expect(rows.find((r) => r.uid === "cmoe")).toBeUndefined();
    // Cid was deprovisioned, so the group keeps only Ann: references follow the target's objects.
    expect(rows.find((r) => r.type === "group")?.member).toBe("cn=Ann Smith,o=dir");

    const imp = await s.run("Directory", "full-import", "delta-sync");
    expect(imp.status).toBe("success");
    expect(imp.steps[0].stats["exported-change-not-reimported"]).toBeUndefined();
    expect(await fresh.db.pendingExport.count()).toBe(0);
  });

  it("deletes the mventry when the person leaves HR (object deletion rule)", async () => {
    fs.writeFileSync(hrFile, hrRows(["person,E1,Ann,Smith,,active,", "person,E3,Cid,Moe,Clerk,terminated,", "group,Staff,,,,,E1|E3"]));
    const hr = await s.run("HR", "full-import", "delta-sync");
    expect(hr.status).toBe("success");
    expect(hr.steps[0].stats["import-delete"]).toBe(1);
    expect(hr.steps[1].stats["deleted-mventries"]).toBe(1);
    expect(await s.mvByAttr("person", "employeeID", "E2")).toBeUndefined();
    const pending = await fresh.db.pendingExport.findMany({ where: { op: "delete" } });
    expect(pending.map((p) => p.dn)).toEqual(["cn=Bob Jones,o=dir"]);
  });
});
