// The services behind the MA Designer's rule pages against a real SQLite database: import precedence
// across MAs (stored flows of the other MAs, the wizard's unsaved ones for this MA, ranked as the engine
// ranks them, the model's precedence mode) and the preview of one expression on a sample csentry (from
// the connection preview or the connector space) or a sample mventry, with errors and their positions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listImportPrecedence } from "../../lib/services/ma-designer-precedence.ts";
import { previewExpression } from "../../lib/services/ma-designer-expression-preview.ts";
import { admin, consoleWorld, helpdesk, type ConsoleWorld } from "./console-kit.ts";

describe("MA Designer rule pages: precedence and expression preview", () => {
  let w: ConsoleWorld;
  let hrId: string;
  let outId: string;
  beforeAll(async () => {
    w = await consoleWorld("rule-pages", { badges: "badge,name\nB1,One\n" });
    // HR ranks first for displayName; Badges joins the ranking for it with an equal number.
    await w.s.ma({
      name: "Badges", type: "csv", config: { path: `${w.dir}/badges.csv`, anchor: "badge" },
      rules: { importFlows: [
        { objectType: "person", mvObjectType: "person", cs: "badge", mv: "badgeId", precedence: 5 },
        { objectType: "person", mvObjectType: "person", cs: "name", mv: "displayName", precedence: 100 },
      ] },
      runProfiles: [],
    });
    expect((await w.s.run("HR", "full-import", "full-sync")).status).toBe("success");
    hrId = await w.maId("HR");
    outId = await w.maId("Out");
  });
  afterAll(async () => w?.cleanup());

  it("ranks every MA's import flows into the attributes a new MA imports, the new MA among them", async () => {
    const views = await listImportPrecedence(admin, {
      maName: "Contractors",
      importFlows: [
        { objectType: "contractor", mvObjectType: "person", mv: "displayName", expression: "givenName & ' ' & sn", precedence: 50 },
        { objectType: "contractor", mvObjectType: "person", mv: "badgeId", cs: "badge" },
        { objectType: "contractor", mvObjectType: "person", mv: "displayName", cs: "cn", precedence: 150 },
        { objectType: "contractor", mvObjectType: "person", mv: "", cs: "x" },
      ],
    }, w.db);
    expect(views.map((v) => `${v.mvObjectType}.${v.mv}`)).toEqual(["person.displayName", "person.badgeId"]);
    const [display, badge] = views;
    expect(display.mode).toBe("ranked");
    expect(display.contributors.map((c) => [c.maName, c.kind, c.source, c.precedence, c.rank, c.thisMa])).toEqual([
      ["Contractors", "expression", "givenName & ' ' & sn", 50, 1, true],
      ["Badges", "direct", "name", 100, 2, false],
      ["HR", "expression", "givenName & ' ' & sn", 100, 3, false],
      ["Contractors", "direct", "cn", 150, 4, true],
    ]);
    expect(display.rank).toBe(1);
    expect(display.tied).toBe(false);
    expect(display.contributors[1].maId).not.toBeNull();
    expect(display.contributors[0].maId).toBeNull();
    // no precedence number means 100; equal numbers are ordered by MA name as the engine does
    expect(badge.contributors.map((c) => [c.maName, c.precedence, c.rank])).toEqual([["Badges", 5, 1], ["Contractors", 100, 2]]);
    expect(badge.rank).toBe(2);
  });

  it("replaces an edited MA's stored flows by the wizard's and reports a tie", async () => {
    const [view] = await listImportPrecedence(admin, {
      maId: hrId,
      importFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", cs: "givenName", precedence: 100 }],
    }, w.db);
    expect(view.contributors.map((c) => [c.maName, c.source, c.rank, c.thisMa])).toEqual([
      ["Badges", "name", 1, false],
      ["HR", "givenName", 2, true],
    ]);
    expect(view).toMatchObject({ rank: 2, tied: true });
    expect(await listImportPrecedence(admin, { maId: hrId, importFlows: [] }, w.db)).toEqual([]);
  });

  it("is for admins only and refuses malformed input", async () => {
    await expect(listImportPrecedence(helpdesk, { importFlows: [] }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(previewExpression(helpdesk, { source: "1", scope: "mventry", objectType: "person" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listImportPrecedence(admin, { importFlows: "no" } as never, w.db)).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("previews a csentry expression on the connection preview's sample, a condition with its truth", async () => {
    const sample = { dn: "id=C1", anchor: "C1", attrs: { givenName: ["Ada"], sn: ["Lovelace"], groups: ["a", "b"] } };
    expect(await previewExpression(admin, { source: "givenName & ' ' & sn", scope: "csentry", objectType: "person", sample }, w.db)).toEqual({
      ok: true, values: ["Ada Lovelace"], sample: { kind: "csentry", from: "connection-preview", objectType: "person", label: "id=C1" },
    });
    // $dn and multi-valued attributes are bound as in a sync
    expect(await previewExpression(admin, { source: "$count(groups) & ':' & $dn", scope: "csentry", objectType: "person", sample }, w.db)).toMatchObject({ ok: true, values: ["2:id=C1"] });
    expect(await previewExpression(admin, { source: "sn = 'Turing'", scope: "csentry", objectType: "person", condition: true, sample }, w.db)).toMatchObject({ ok: true, values: ["false"], condition: false });
    // $unique (import flows) shows its first candidate: the preview has no synchronization to check against
    expect(await previewExpression(admin, { source: "$unique($lower(givenName), 'x')", scope: "csentry", objectType: "person", sample }, w.db)).toMatchObject({ ok: true, values: ["ada"] });
  });

  it("falls back to the MA's connector space without a sample, and says when there is none", async () => {
    const r = await previewExpression(admin, { source: "$uppercase(sn)", scope: "csentry", objectType: "person", maId: hrId }, w.db);
    expect(r).toMatchObject({ ok: true, sample: { from: "connector-space", objectType: "person" } });
    expect(r.ok && r.values[0]).toMatch(/^SE\d$/);
    expect(await previewExpression(admin, { source: "sn", scope: "csentry", objectType: "group", maId: hrId }, w.db)).toMatchObject({ ok: false, code: "no-sample" });
    expect(await previewExpression(admin, { source: "sn", scope: "csentry", objectType: "person" }, w.db)).toMatchObject({ ok: false, code: "no-sample", message: expect.stringContaining("discover the schema") });
  });

  it("previews an mventry expression on a sample mventry of the metaverse object type", async () => {
    const r = await previewExpression(admin, { source: "'uid=' & $lower(employeeID) & ',ou=people'", scope: "mventry", objectType: "person", maId: outId }, w.db);
    expect(r).toMatchObject({ ok: true, sample: { kind: "mventry", from: "metaverse", objectType: "person" } });
    expect(r.ok && r.values[0]).toMatch(/^uid=e\d,ou=people$/);
    expect(r.ok && r.sample.label).toMatch(/^GE\d SE\d$/); // the mventry's displayName
    expect(await previewExpression(admin, { source: "$exists(employeeID)", scope: "mventry", objectType: "person", condition: true }, w.db)).toMatchObject({ ok: true, condition: true });
    expect(await previewExpression(admin, { source: "cn", scope: "mventry", objectType: "group" }, w.db)).toMatchObject({ ok: false, code: "no-sample" });
  });

  it("gives a syntax error with its position, and an evaluation error on the sample with its position", async () => {
    const sample = { dn: "id=C1", attrs: { givenName: ["Ada"], sn: ["Lovelace"] } };
    const bad = await previewExpression(admin, { source: "givenName & & sn", scope: "csentry", objectType: "person", sample }, w.db);
    expect(bad).toMatchObject({ ok: false, code: "invalid-expression", position: 13 });
    expect(bad.ok ? "" : bad.message).toContain("syntax error at position 13");
    const failed = await previewExpression(admin, { source: "givenName + 1", scope: "csentry", objectType: "person", sample }, w.db);
    expect(failed).toMatchObject({ ok: false, code: "expression-failed", position: 11, sample: { label: "id=C1" } });
    expect(failed.ok ? "" : failed.message).toMatch(/^evaluation failed at position 11: /);
  });
});
