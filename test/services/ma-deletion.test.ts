// Deleting a management agent on both providers: what it takes away (counted first), the confirmation
// by name, the refusals (helpdesk, a run in progress), and the metaverse afterwards: values the MA
// contributed recalled from the others, mventries left without a connector deleted, the change to
// other MAs' objects staged as pending exports, and nothing of the MA left.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachProvider } from "../support/databases.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { deleteManagementAgent, getMaDeletionImpact } from "../../lib/services/ma-deletion.ts";
import { startRun } from "../../lib/services/run-service.ts";
import { createRun, finishRun } from "../../lib/store/run-records.ts";
import { admin, helpdesk, people } from "./console-kit.ts";

const person = { objectType: "person", mvObjectType: "person" };

forEachProvider((ctx) => {
  let s: Scenario;
  let dir: string;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    s = new Scenario(ctx.db);
    dir = tempDir("ma-delete");
    const file = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    await s.model(PERSON, GROUP);
    const full = [{ name: "Full", steps: [{ type: "full-import" }, { type: "full-sync" }] }];
    id.HR = await s.ma({
      name: "HR", type: "csv", config: { path: file("hr.csv", people(["E1", "E2", "E3"])), anchor: "id" }, runProfiles: full,
      rules: {
        joinProjection: [{ ...person, join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
        importFlows: [{ ...person, cs: "id", mv: "employeeID" }, { ...person, expression: "givenName & ' ' & sn", mv: "displayName" }],
      },
    });
    // Badges joins two of HR's people (B9 joins nobody) and wins their displayName (precedence 50 < 100).
    id.Badges = await s.ma({
      name: "Badges", type: "csv", config: { path: file("badges.csv", "badge,employeeID,label\nB1,E1,Badge One\nB2,E2,Badge Two\nB9,E9,Nobody\n"), anchor: "badge" }, runProfiles: full,
      rules: {
        joinProjection: [{ ...person, join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }], project: false }],
        importFlows: [{ ...person, cs: "badge", mv: "badgeId" }, { ...person, cs: "label", mv: "displayName", precedence: 50 }],
      },
    });
    // Contractors' people exist nowhere else.
    id.Contractors = await s.ma({
      name: "Contractors", type: "csv", config: { path: file("contractors.csv", people(["C1", "C2"])), anchor: "id" }, runProfiles: full,
      rules: { joinProjection: [{ ...person, project: true }], importFlows: [{ ...person, cs: "id", mv: "employeeID" }] },
    });
    // Out provisions an account for every person with a badge, and deletes it when the badge goes.
    id.Out = await s.ma({
      name: "Out", type: "csv", config: { path: path.join(dir, "out.csv"), anchor: "uid" }, runProfiles: [{ name: "Export", steps: [{ type: "export" }] }],
      rules: {
        provisioning: [{ name: "badge holders", mvObjectType: "person", condition: "$exists(badgeId)", objectType: "person", dn: "employeeID", anchor: "employeeID", initial: { uid: "employeeID" } }],
        deprovision: "delete",
      },
    });
    for (const [ma, profile] of [["HR", "Full"], ["Contractors", "Full"], ["Badges", "Full"], ["Out", "Export"]]) {
      const run = await startRun(admin, { ma: ma!, profile: profile!, trigger: "cli", inline: true }, ctx.db);
      expect((await run.done!).status).toBe("success");
    }
    await ctx.db.maPasswordSettings.create({ data: { maId: id.Badges!, enabled: false } });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const mvOf = async (employeeID: string) => (await s.mvByAttr("person", "employeeID", employeeID))!;

  it("counts what a deletion takes away", async () => {
    expect(await getMaDeletionImpact(admin, id.Badges!, ctx.db)).toEqual({
      maId: id.Badges, maName: "Badges", csObjects: 3, pendingExports: 0, runProfiles: ["Full"], runs: 1, mventriesLosingConnector: 2, mventriesDeleted: 0, activeRun: null,
    });
    expect(await getMaDeletionImpact(admin, id.Contractors!, ctx.db)).toMatchObject({ csObjects: 2, mventriesLosingConnector: 2, mventriesDeleted: 2 });
    await expect(getMaDeletionImpact(admin, "no-such-ma", ctx.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses helpdesk, a wrong confirmation and an MA that runs, and changes nothing", async () => {
    await expect(getMaDeletionImpact(helpdesk, id.Badges!, ctx.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteManagementAgent(helpdesk, { maId: id.Badges!, confirmName: "Badges" }, ctx.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteManagementAgent(admin, { maId: id.Badges!, confirmName: "badges" }, ctx.db)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "type the name of the management agent, Badges, to confirm its deletion",
      details: { fieldErrors: { confirmName: ["type the name of the management agent, Badges, to confirm its deletion"] } },
    });
    const running = await createRun(ctx.db, { maId: id.Badges!, maName: "Badges", profileName: "Full", trigger: "user", startedBy: "ghost" });
    try {
      expect((await getMaDeletionImpact(admin, id.Badges!, ctx.db)).activeRun).toEqual({ id: running, profileName: "Full" });
      await expect(deleteManagementAgent(admin, { maId: id.Badges!, confirmName: "Badges" }, ctx.db)).rejects.toMatchObject({
        code: "RUN_IN_PROGRESS",
        message: '"Badges" cannot be deleted while it runs (Full): stop the run or wait for it to end',
      });
    } finally {
      await finishRun(ctx.db, running, "stopped-server", "test");
    }
    expect(await ctx.db.csObject.count({ where: { maId: id.Badges } })).toBe(3);
    expect(await ctx.db.auditEvent.count({ where: { action: "ma.delete" } })).toBe(0);
  });

  it("deletes an MA whose mventries have other connectors: their values are recalled, the consequences staged", async () => {
    expect((await mvOf("E1")).attrs).toMatchObject({ displayName: ["Badge One"], badgeId: ["B1"] });
    expect(await ctx.db.pendingExport.count({ where: { maId: id.Out } })).toBe(2); // the two exported adds, awaiting an import
    const mvsBefore = await ctx.db.mvObject.count();

    const result = await deleteManagementAgent(admin, { maId: id.Badges!, confirmName: " Badges " }, ctx.db);
    expect(result).toEqual({ maName: "Badges", csObjects: 3, runs: 2, mventriesDeleted: 0, mventriesKept: 2, exportsStaged: 2, errors: 0 });

    expect(await ctx.db.managementAgent.findUnique({ where: { id: id.Badges } })).toBeNull();
    for (const count of [
      ctx.db.csObject.count({ where: { maId: id.Badges } }),
      ctx.db.runProfile.count({ where: { maId: id.Badges } }),
      ctx.db.run.count({ where: { maId: id.Badges } }),
      ctx.db.maPasswordSettings.count({ where: { maId: id.Badges } }),
    ]) expect(await count).toBe(0);
    expect(await ctx.db.runStep.count({ where: { run: { maId: id.Badges } } })).toBe(0);

    // The metaverse: same mventries; what Badges gave is recalled from HR or gone, with the lineage to match.
    expect(await ctx.db.mvObject.count()).toBe(mvsBefore);
    const e1 = await mvOf("E1");
    expect(e1.attrs.displayName).toEqual(["GE1 SE1"]);
    expect(e1.attrs.badgeId).toBeUndefined();
    expect(e1.lineage.displayName?.maId).toBe(id.HR);
    expect(Object.values(e1.lineage).some((l) => l.maId === id.Badges)).toBe(false);
    // Without a badge the accounts in Out are deprovisioned: deletes staged, nothing written.
    const outPending = await ctx.db.pendingExport.findMany({ where: { maId: id.Out, status: "pending" } });
    expect(outPending.map((p) => [p.op, p.dn]).sort()).toEqual([["delete", "E1"], ["delete", "E2"]]);
    expect(fs.readFileSync(path.join(dir, "out.csv"), "utf8").trim().split("\n")).toHaveLength(3);

    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "ma.delete" } });
    expect(audit).toMatchObject({ actor: "alice-admin", target: "Badges" });
    expect(JSON.parse(audit.details)).toMatchObject({ maId: id.Badges, csObjects: 3, mventriesKept: 2, runProfiles: ["Full"] });
    await expect(getMaDeletionImpact(admin, id.Badges!, ctx.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes an MA whose mventries have no other connector: they are deleted with it", async () => {
    const c1 = (await mvOf("C1")).id;
    const result = await deleteManagementAgent(admin, { maId: id.Contractors!, confirmName: "Contractors" }, ctx.db);
    expect(result).toMatchObject({ csObjects: 2, mventriesDeleted: 2, mventriesKept: 0, exportsStaged: 0 });
    expect(await ctx.db.mvObject.findUnique({ where: { id: c1 } })).toBeNull();
    expect(await ctx.db.mvValue.count({ where: { mvId: c1 } })).toBe(0);
    expect(await ctx.db.mvObject.count()).toBe(3); // HR's three people
    // HR runs on as before.
    const run = await startRun(admin, { ma: "HR", profile: "Full", trigger: "cli", inline: true }, ctx.db);
    expect((await run.done!).status).toBe("success");
  });

  it("removes a connector space of several pages (imported, never synchronized)", async () => {
    const file = path.join(dir, "many.csv");
    fs.writeFileSync(file, "id\n" + Array.from({ length: 2_500 }, (_, i) => `M${i}`).join("\n") + "\n");
    const maId = await s.ma({ name: "Many", type: "csv", config: { path: file, anchor: "id" }, rules: {}, runProfiles: [{ name: "Import", steps: [{ type: "full-import" }] }] });
    const run = await startRun(admin, { ma: "Many", profile: "Import", trigger: "cli", inline: true }, ctx.db);
    expect((await run.done!).status).toBe("success");
    expect(await getMaDeletionImpact(admin, maId, ctx.db)).toMatchObject({ csObjects: 2_500, runs: 1, mventriesLosingConnector: 0 });
    expect(await deleteManagementAgent(admin, { maId, confirmName: "Many" }, ctx.db)).toMatchObject({ csObjects: 2_500, runs: 1, mventriesDeleted: 0, mventriesKept: 0 });
    expect(await ctx.db.csObject.count({ where: { maId } })).toBe(0);
    expect(await ctx.db.runStepObject.count({ where: { step: { run: { maId } } } })).toBe(0);
  });
});
