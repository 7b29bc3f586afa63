// The csentry page, its preview and the mventry's lineage and history against a real SQLite database.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAttrs, findCsEntries, getCsEntry, previewCsEntryById } from "../../lib/services/connector-space.ts";
import { attributeLineage, getMvHistory } from "../../lib/services/mv-history.ts";
import { admin, consoleWorld, helpdesk, people, type ConsoleWorld } from "./console-kit.ts";

describe("connector space, preview and mventry history", () => {
  let w: ConsoleWorld;
  let hrId: string;
  let outId: string;
  const hrCs = (anchor: string) => w.db.csObject.findFirstOrThrow({ where: { anchor, maId: hrId } });

  beforeAll(async () => {
    w = await consoleWorld("cs");
    hrId = await w.maId("HR");
    outId = await w.maId("Out");
    expect((await w.s.run("HR", "full-import", "full-sync")).status).toBe("success");
    expect((await w.s.run("Out", "export", "full-import", "delta-sync")).status).toBe("success");
  });
  afterAll(async () => {
    await w?.cleanup();
  });

  it("shows a csentry with its state, attributes, mventry and pending export", async () => {
    const e1 = await hrCs("E1");
    await expect(getCsEntry(helpdesk, hrId, e1.id, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCsEntry(admin, outId, e1.id, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const cs = await getCsEntry(admin, hrId, e1.id, w.db);
    expect(cs).toMatchObject({
      maName: "HR", anchor: "E1", dn: "E1", objectType: "person", state: "connector", linkType: "projection",
      attrs: { id: ["E1"], givenName: ["GE1"], sn: ["SE1"] }, pendingImport: null, pendingExport: null,
      mv: { objectType: "person", displayName: "GE1 SE1" },
    });
    const found = await findCsEntries(admin, hrId, "e2", w.db);
    expect(found.items.map((c) => c.anchor)).toEqual(["E2"]);
    expect((await findCsEntries(admin, hrId, "  ", w.db)).items).toEqual([]);
  });

  it("previews a staged change: counters, the mventry diff and the export it would stage, writing nothing", async () => {
    fs.writeFileSync(w.hr, people(["E1", "E2", "E3"]).replace("E1,GE1,SE1", "E1,GE1,Wed"));
    expect((await w.s.run("HR", "full-import")).status).toBe("success");
    const e1 = await hrCs("E1");
    expect(e1.pendingImportOp).toBe("update");
    const mvBefore = await w.db.mvObject.findUniqueOrThrow({ where: { id: e1.mvId! } });
    const peBefore = await w.db.pendingExport.count();
    const historyBefore = await w.db.mvHistory.count();

    await expect(previewCsEntryById(helpdesk, hrId, e1.id, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const p = await previewCsEntryById(admin, hrId, e1.id, w.db);
    expect(p.stats).toMatchObject({ "connectors-with-flow-updates": 1 });
    expect(p.errors).toEqual([]);
    expect(p.mvCreated).toBe(false);
    expect(p.diff[0]).toEqual({ attr: "displayName", before: ["GE1 SE1"], after: ["GE1 Wed"], change: "changed" });
    expect(p.diff.find((d) => d.attr === "employeeID")).toMatchObject({ change: "unchanged" });
    expect(p.pendingExports).toEqual([expect.objectContaining({ ma: "Out", op: "update", dn: "E1", changes: { cn: { replace: ["GE1 Wed"] } }, status: "pending" })]);

    // nothing was written
    expect((await w.db.mvObject.findUniqueOrThrow({ where: { id: e1.mvId! } })).attrs).toBe(mvBefore.attrs);
    expect((await hrCs("E1")).pendingImportOp).toBe("update");
    expect(await w.db.pendingExport.count()).toBe(peBefore);
    expect(await w.db.mvHistory.count()).toBe(historyBefore);
    expect((await getCsEntry(admin, hrId, e1.id, w.db)).pendingImport).toMatchObject({ op: "update" });
  });

  it("previews a new csentry as a projection", async () => {
    fs.writeFileSync(w.hr, people(["E1", "E2", "E3", "E4"]).replace("E1,GE1,SE1", "E1,GE1,Wed"));
    expect((await w.s.run("HR", "full-import")).status).toBe("success");
    const e4 = await hrCs("E4");
    const p = await previewCsEntryById(admin, hrId, e4.id, w.db);
    expect(p).toMatchObject({ mvBefore: null, mvCreated: true, stats: { projections: 1 } });
    expect(p.diff).toContainEqual({ attr: "employeeID", before: [], after: ["E4"], change: "added" });
    expect(p.pendingExports).toEqual([expect.objectContaining({ ma: "Out", op: "add", dn: "E4" })]);
    expect(await w.db.mvObject.count()).toBe(3);
  });

  it("shows each attribute's lineage and the attribute history newest first, paged", async () => {
    expect((await w.s.run("HR", "delta-sync")).status).toBe("success");
    const e1 = await hrCs("E1");
    const mv = await w.db.mvObject.findUniqueOrThrow({ where: { id: e1.mvId! } });
    const lastRun = await w.db.run.findFirstOrThrow({ where: { maId: hrId }, orderBy: { queuedAt: "desc" } });
    const lineage = await attributeLineage(helpdesk, { attrs: JSON.parse(mv.attrs), lineage: JSON.parse(mv.lineage) }, w.db);
    expect(lineage.find((l) => l.attr === "displayName")).toMatchObject({ maId: hrId, maName: "HR", runId: lastRun.id, rule: "importFlows[1]" });
    expect(lineage.find((l) => l.attr === "employeeID")).toMatchObject({ maName: "HR", runId: expect.any(String) });

    // History records changes of existing mventries (a projection is their start, not a change).
    fs.writeFileSync(w.hr, people(["E1", "E2", "E3", "E4"]).replace("E1,GE1,SE1", "E1,GE1,Fri"));
    expect((await w.s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    const latestRun = await w.db.run.findFirstOrThrow({ where: { maId: hrId }, orderBy: { queuedAt: "desc" } });
    const page1 = await getMvHistory(helpdesk, mv.id, 1, w.db, 1);
    expect(page1).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page1.items[0]).toMatchObject({ attr: "displayName", oldValue: ["GE1 Wed"], newValue: ["GE1 Fri"], maName: "HR", runId: latestRun.id, rule: "importFlows[1]" });
    const page2 = await getMvHistory(helpdesk, mv.id, 2, w.db, 1);
    expect(page2.items[0]).toMatchObject({ attr: "displayName", oldValue: ["GE1 SE1"], newValue: ["GE1 Wed"], runId: lastRun.id });
    await expect(getMvHistory(helpdesk, "no-such-mv", 1, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("diffs attributes: changed ones first", () => {
    expect(diffAttrs({ a: ["1"], b: ["x"], c: ["k"] }, { a: ["1"], b: ["y"], d: ["n"] }).map((d) => `${d.attr}:${d.change}`)).toEqual(["b:changed", "c:removed", "d:added", "a:unchanged"]);
  });
});
