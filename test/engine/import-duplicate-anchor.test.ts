// A connected system that returns one anchor twice (a SQL view without a key): the engine stages the
// first object, reports the second with its anchor, and the next full import finds the first
// unchanged (from the digests read at its start) and reports the duplicate again; nothing is deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../support/databases.ts";
import { sqlSandbox, type SqlSandbox } from "../connectors/sql-harness.ts";
import { PERSON, Scenario } from "./scenario-kit.ts";

describe("full import of a duplicated anchor", () => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let src: SqlSandbox;

  beforeAll(async () => {
    fresh = await freshDatabase("sqlite");
    s = new Scenario(fresh.db);
    src = await sqlSandbox("sqlite");
    await src.exec("CREATE TABLE people (code TEXT, name TEXT)");
    for (const [code, name] of [["A1", "Ann"], ["B2", "Bob"], ["A1", "Annie"]]) await src.exec("INSERT INTO people (code, name) VALUES (?, ?)", [code, name]);
    await s.model(PERSON);
    await s.ma({ name: "Badges", type: "sql", config: { ...src.connection, table: "people", anchor: "code" }, rules: {} });
  });

  afterAll(async () => {
    await src?.cleanup();
    await fresh?.cleanup();
  });

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
