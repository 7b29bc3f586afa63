// A connected system that returns one anchor twice (a SQL view without a key): the engine stages the
// first object, reports the second with its anchor, and the next full import finds the first
// unchanged (from the digests read at its start) and reports the duplicate again; nothing is deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshDatabase } from "../support/databases.ts";
import { sqlEngineWorkspace, type SqlEngineWorkspace } from "../connectors/sql-harness.ts";
import type { Scenario } from "./scenario-kit.ts";

describe("full import of a duplicated anchor", () => {
  let w: SqlEngineWorkspace;
  let fresh: FreshDatabase;
  let s: Scenario;

  beforeAll(async () => {
    w = await sqlEngineWorkspace("sqlite");
    ({ fresh, s } = w);
    await w.src.exec("CREATE TABLE people (code TEXT, name TEXT)");
    for (const [code, name] of [["A1", "Ann"], ["B2", "Bob"], ["A1", "Annie"]]) await w.src.exec("INSERT INTO people (code, name) VALUES (?, ?)", [code, name]);
    await s.ma({ name: "Badges", type: "sql", config: { ...w.src.connection, table: "people", anchor: "code" }, rules: {} });
  });

  afterAll(() => w?.cleanup());

  it("stages the first, reports the second, on the first and on later imports", async () => {
    for (const expected of [{ "import-add": 2 }, { "import-unchanged": 2 }]) {
      const run = await s.run("Badges", "full-import");
      expect(run.status).toBe("completed-warnings");
      const { errors, ...stats } = run.steps[0]!.stats as Record<string, number>;
      expect(stats).toEqual(expected);
      expect(errors).toBe(1);
      const reported = await s.errors(run.steps[0]!.stepId);
      expect(reported.map((e) => [e.code, e.anchor])).toEqual([["import-duplicate-anchor", "A1"]]);
    }
    const a1 = await fresh.db.csObject.findFirstOrThrow({ where: { anchor: "A1" } });
    expect(JSON.parse(a1.attrs)).toEqual({ code: ["A1"], name: ["Ann"] });
    expect(await fresh.db.csObject.count({ where: { deleted: true } })).toBe(0);
  });
});
