// The Joiner's actions against a real SQLite database: a manual join and a projection flow the
// csentry's attributes at the next delta sync; explicit disconnectors stay apart; refusals are clear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeDisconnectorState, joinDisconnector, projectDisconnector } from "../../lib/services/joiner-actions.ts";
import { getJoinerEntry, listDisconnectors } from "../../lib/services/joiner.ts";
import { createRun, finishRun } from "../../lib/store/run-records.ts";
import { admin, consoleWorld, helpdesk, type ConsoleWorld } from "./console-kit.ts";

describe("Joiner actions", () => {
  let w: ConsoleWorld;
  const cs = async (badge: string) => w.db.csObject.findFirstOrThrow({ where: { anchor: badge, ma: { name: "Badges" } } });
  const mvOf = async (employeeID: string) => (await w.s.mvByAttr("person", "employeeID", employeeID))!;

  beforeAll(async () => {
    w = await consoleWorld("joiner", { badges: "badge,holder\nB1,Ann\nB2,Bob\nB3,Temp\nB4,Shared\n" });
    expect((await w.s.run("HR", "full-import", "full-sync")).status).toBe("success");
    expect((await w.s.run("Badges", "full-import", "full-sync")).status).toBe("success");
    expect(await w.db.csObject.count({ where: { ma: { name: "Badges" }, state: "normal-disconnector" } })).toBe(4);
  });
  afterAll(async () => {
    await w?.cleanup();
  });

  it("needs the admin role", async () => {
    const b1 = await cs("B1");
    await expect(joinDisconnector(helpdesk, { csId: b1.id, mvId: "x" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(projectDisconnector(helpdesk, { csId: b1.id, mvObjectType: "person" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeDisconnectorState(helpdesk, { csId: b1.id, state: "explicit-disconnector" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("joins a disconnector by hand; the next delta sync flows its attributes", async () => {
    const b1 = await cs("B1");
    const e1 = await mvOf("E1");
    const r = await joinDisconnector(admin, { csId: b1.id, mvId: e1.id }, w.db);
    expect(r).toMatchObject({ csId: b1.id, state: "connector", mvId: e1.id });
    const after = await cs("B1");
    expect(after).toMatchObject({ state: "connector", mvId: e1.id, linkType: "manual", pendingImportOp: "update" });
    expect(JSON.parse(after.pendingImport!)).toEqual({ op: "update" });
    expect(after.linkedAt).toBeInstanceOf(Date);
    expect(await w.db.auditEvent.findFirst({ where: { action: "joiner.join" } })).toMatchObject({ actor: "alice-admin", target: "Badges:B1" });

    const sync = await w.s.run("Badges", "delta-sync");
    expect(sync.status).toBe("success");
    expect((await mvOf("E1")).attrs.badgeId).toEqual(["B1"]);
    const synced = await cs("B1");
    expect(synced).toMatchObject({ state: "connector", linkType: "manual", pendingImport: null });
    expect((await getJoinerEntry(admin, b1.id, w.db)).mv).toMatchObject({ id: e1.id, displayName: "GE1 SE1" });
  });

  it("refuses to join an mventry that already has a connector from the same MA", async () => {
    const b2 = await cs("B2");
    const e1 = await mvOf("E1");
    await expect(joinDisconnector(admin, { csId: b2.id, mvId: e1.id }, w.db)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already has a connector from Badges (B1)"),
    });
    expect(await cs("B2")).toMatchObject({ state: "normal-disconnector", mvId: null });
    await expect(joinDisconnector(admin, { csId: b2.id, mvId: "no-such-mv" }, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // a connector is not a disconnector any more
    await expect(joinDisconnector(admin, { csId: (await cs("B1")).id, mvId: (await mvOf("E2")).id }, w.db)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is a connector"),
    });
  });

  it("refuses while a run of the csentry's MA is in progress", async () => {
    const ma = await w.db.managementAgent.findUniqueOrThrow({ where: { name: "Badges" } });
    const run = await createRun(w.db, { maId: ma.id, maName: "Badges", profileName: "Delta Sync", trigger: "user", startedBy: "x" });
    try {
      await expect(joinDisconnector(admin, { csId: (await cs("B2")).id, mvId: (await mvOf("E2")).id }, w.db)).rejects.toMatchObject({ code: "RUN_IN_PROGRESS" });
    } finally {
      await finishRun(w.db, run, "success");
    }
  });

  it("projects a disconnector as a new, empty mventry of the chosen type that the next sync fills", async () => {
    const b3 = await cs("B3");
    await expect(projectDisconnector(admin, { csId: b3.id, mvObjectType: "spaceship" }, w.db)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("spaceship") });
    const r = await projectDisconnector(admin, { csId: b3.id, mvObjectType: "person" }, w.db);
    const mv = await w.db.mvObject.findUniqueOrThrow({ where: { id: r.mvId! } });
    expect(mv).toMatchObject({ objectType: "person", attrs: "{}" });
    expect(await cs("B3")).toMatchObject({ state: "connector", mvId: mv.id, linkType: "manual", pendingImportOp: "update" });
    expect(await w.db.auditEvent.count({ where: { action: "joiner.project" } })).toBe(1);
    const outcome = await w.s.run("Badges", "delta-sync");
    const errors = await w.db.runError.findMany({ where: { stepId: outcome.steps[0]!.stepId } });
    expect(errors).toEqual([]);
    expect(outcome.status).toBe("success");
    expect(JSON.parse((await w.db.mvObject.findUniqueOrThrow({ where: { id: mv.id } })).attrs)).toEqual({ badgeId: ["B3"] });
  });

  it("makes a disconnector explicit (kept apart from syncs) and back to normal", async () => {
    const b4 = await cs("B4");
    await expect(changeDisconnectorState(admin, { csId: b4.id, state: "normal-disconnector" }, w.db)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await changeDisconnectorState(admin, { csId: b4.id, state: "explicit-disconnector" }, w.db)).toMatchObject({ state: "explicit-disconnector" });
    expect((await w.s.run("Badges", "full-sync")).status).toBe("success");
    expect((await cs("B4")).state).toBe("explicit-disconnector");
    const explicit = await listDisconnectors(admin, "explicit-disconnector", w.db);
    expect(explicit.find((g) => g.maName === "Badges")!.items.map((c) => c.anchor)).toEqual(["B4"]);
    await expect(joinDisconnector(admin, { csId: b4.id, mvId: (await mvOf("E2")).id }, w.db)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("explicit-disconnector") });

    await changeDisconnectorState(admin, { csId: b4.id, state: "normal-disconnector" }, w.db);
    expect(await cs("B4")).toMatchObject({ state: "normal-disconnector", pendingImportOp: "update" });
    expect(await w.db.auditEvent.count({ where: { action: { in: ["joiner.make-explicit", "joiner.make-normal"] } } })).toBe(2);
    expect((await w.s.run("Badges", "delta-sync")).status).toBe("success");
    expect(await cs("B4")).toMatchObject({ state: "normal-disconnector", pendingImport: null });
  });
});
