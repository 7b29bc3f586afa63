// The engine over a SQL MA with a delta table: a full import stores the delta table's watermark, the
// next delta import stages exactly the logged changes (update, add, delete) and moves the watermark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../engine/scenario-kit.ts";
import { sqlEngineWorkspace, type SqlEngineWorkspace, type SqlSandbox } from "./sql-harness.ts";

describe("engine: SQL delta table", () => {
  let w: SqlEngineWorkspace;
  let s: Scenario;
  let src: SqlSandbox;

  beforeAll(async () => {
    w = await sqlEngineWorkspace("sqlite");
    ({ s, src } = w);
    await src.exec("CREATE TABLE emp (id INTEGER PRIMARY KEY, name TEXT)");
    await src.exec("CREATE TABLE emp_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, id INTEGER NOT NULL, op TEXT NOT NULL)");
    for (const [id, name] of [[1, "Ann"], [2, "Bob"], [3, "Cid"]] as const) {
      await src.exec("INSERT INTO emp (id, name) VALUES (?, ?)", [id, name]);
      await src.exec("INSERT INTO emp_log (id, op) VALUES (?, 'add')", [id]);
    }
    await s.ma({
      name: "Payroll",
      type: "sql",
      config: { ...src.connection, table: "emp", anchor: "id", deltaMode: "table", deltaTable: "emp_log", deltaChangeTypeColumn: "op", deltaSequenceColumn: "seq" },
      rules: {},
    });
  });

  afterAll(() => w?.cleanup());

  it("full import, then a delta import of the logged changes only", async () => {
    const full = await s.run("Payroll", "full-import");
    expect(full.status).toBe("success");
    expect(full.steps[0]!.stats["import-add"]).toBe(3);
    expect(JSON.parse((await s.store.getMa("Payroll"))!.watermark!)).toEqual({ mode: "table", value: "3" });

    await src.exec("UPDATE emp SET name = 'Bobby' WHERE id = 2");
    await src.exec("DELETE FROM emp WHERE id = 3");
    await src.exec("INSERT INTO emp (id, name) VALUES (4, 'Dee')");
    for (const [id, op] of [[2, "update"], [3, "delete"], [4, "add"]] as const) await src.exec("INSERT INTO emp_log (id, op) VALUES (?, ?)", [id, op]);

    const delta = await s.run("Payroll", "delta-import");
    expect(delta.status).toBe("success");
    expect(delta.steps[0]!.stats).toMatchObject({ "import-update": 1, "import-delete": 1, "import-add": 1 });
    expect(JSON.parse((await s.store.getMa("Payroll"))!.watermark!)).toEqual({ mode: "table", value: "6" });
    const bob = (await s.store.csByAnchors((await s.store.getMa("Payroll"))!.id, ["2"]))[0]!;
    expect(bob.attrs).toEqual({ id: ["2"], name: ["Bobby"] });

    const again = await s.run("Payroll", "delta-import");
    expect(again.steps[0]!.stats).toEqual({});
  });
});
