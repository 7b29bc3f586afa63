// SQL connector delta import: a delta table (add/update/delete with a sequence watermark) and an
// updated_at/rowversion column (rows at or after the watermark; deletes need a full import).
import { describe, expect, it } from "vitest";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaImportItem } from "../../lib/engine/types.ts";
import { createPeopleTables, peopleConfig, seedPeople, sqlTestBed, TEST_DIALECTS, type SqlSandbox } from "./sql-harness.ts";

const { sandbox, connect } = sqlTestBed();
let s: SqlSandbox;

async function delta(c: Connector, watermark: string | null, batchSize = 100): Promise<{ items: DeltaImportItem[]; batches: number; watermark: string | null }> {
  const d = await c.deltaImport!(watermark, { batchSize });
  const items: DeltaImportItem[] = [];
  let batches = 0;
  for await (const b of d.changes) {
    batches++;
    items.push(...b);
  }
  return { items, batches, watermark: d.watermark() };
}

const summary = (items: DeltaImportItem[]) =>
  items.map((i) => (i.kind === "error" ? `error ${i.code} ${i.anchor}` : `${i.op} ${i.anchor}${i.attrs?.name ? ` ${i.attrs.name[0]}` : ""}`));

async function createEmployees(sb: SqlSandbox): Promise<void> {
  await sb.exec("CREATE TABLE emp (id int NOT NULL PRIMARY KEY, name varchar(50), version bigint NOT NULL)");
  await sb.exec("CREATE TABLE emp_changes (seq bigint NOT NULL PRIMARY KEY, emp_id int NOT NULL, op varchar(10) NOT NULL)");
  for (const [id, name] of [[1, "Ann"], [2, "Bob"], [3, "Cid"]] as const) {
    await sb.exec("INSERT INTO emp (id, name, version) VALUES (?, ?, ?)", [id, name, id]);
    await sb.exec("INSERT INTO emp_changes (seq, emp_id, op) VALUES (?, ?, 'insert')", [id, id]);
  }
}

const tableConfig = (sb: SqlSandbox) => ({
  ...sb.connection,
  table: "emp",
  anchor: "id",
  dnTemplate: "cn={name}",
  deltaMode: "table",
  deltaTable: "emp_changes",
  deltaAnchor: "emp_id",
  deltaChangeTypeColumn: "op",
  deltaSequenceColumn: "seq",
});

describe.each(TEST_DIALECTS)("SQL delta import on %s", (dialect) => {
  it("delta table: changes after the watermark, the last per anchor, the current row whole; the new watermark", async () => {
    s = await sandbox(dialect);
    await createEmployees(s);
    const c = connect(tableConfig(s));
    const start = await c.currentWatermark!();
    expect(JSON.parse(start!)).toEqual({ mode: "table", value: "3" });
    expect(await delta(c, start)).toEqual({ items: [], batches: 0, watermark: start });

    await s.exec("UPDATE emp SET name = 'Bobby' WHERE id = 2");
    await s.exec("INSERT INTO emp (id, name, version) VALUES (4, 'Dee', 4)");
    await s.exec("DELETE FROM emp WHERE id = 3");
    const log: [number, number, string][] = [[4, 2, "U"], [5, 4, "I"], [6, 3, "D"], [7, 2, "update"], [8, 1, "rename"], [9, 99, "update"]];
    for (const [seq, id, op] of log) await s.exec("INSERT INTO emp_changes (seq, emp_id, op) VALUES (?, ?, ?)", [seq, id, op]);

    const d = await delta(c, start);
    expect(summary(d.items)).toEqual(["add 4 Dee", "delete 3", "update 2 Bobby", "error sql-bad-change-type 1", "delete 99"]);
    const dee = d.items[0]!;
    expect(dee).toMatchObject({ kind: "change", dn: "cn=Dee", objectType: "person", complete: true, attrs: { id: ["4"], name: ["Dee"], version: ["4"] } });
    expect(JSON.parse(d.watermark!)).toEqual({ mode: "table", value: "9" });
    expect((await delta(c, d.watermark)).items).toEqual([]);

    // Small batches page through the log in sequence order; a null watermark reads it all.
    const paged = await delta(c, null, 2);
    expect(paged.batches).toBe(5);
    expect(JSON.parse(paged.watermark!).value).toBe("9");
    // A watermark of the other mode (or garbage) starts from the beginning.
    expect((await delta(c, JSON.stringify({ mode: "column", value: "7" }))).items.length).toBe((await delta(c, null)).items.length);
  });

  it("change column: rows at or after the watermark (integer rowversion); deletes are not seen", async () => {
    s = await sandbox(dialect);
    await createEmployees(s);
    const c = connect({ ...s.connection, table: "emp", anchor: "id", deltaMode: "column", deltaColumn: "version" });
    const start = await c.currentWatermark!();
    expect(JSON.parse(start!)).toEqual({ mode: "column", value: "3" });
    await s.exec("UPDATE emp SET name = 'Annie', version = 10 WHERE id = 1");
    await s.exec("DELETE FROM emp WHERE id = 2");
    const d = await delta(c, start, 1);
    expect(summary(d.items)).toEqual(["update 3 Cid", "update 1 Annie"]);
    expect(d.items.every((i) => i.kind === "change" && i.complete)).toBe(true);
    expect(JSON.parse(d.watermark!)).toEqual({ mode: "column", value: "10" });
    const first = await delta(c, null);
    expect(summary(first.items)).toEqual(["update 3 Cid", "update 1 Annie"]);
  });

  it("change column: timestamps keep their full precision in the watermark", async () => {
    s = await sandbox(dialect);
    await createPeopleTables(s);
    await seedPeople(s, [{ uid: ["a"], displayName: ["A"], mail: ["a@x"] }, { uid: ["b"], displayName: ["B"] }, { uid: ["c"], displayName: ["C"] }]);
    const at = (us: number) => `2024-01-01 00:00:00.00000${us}`;
    for (const [uid, us] of [["a", 1], ["b", 2], ["c", 3]] as const) await s.exec("UPDATE people SET updated_at = ? WHERE uid = ?", [at(us), uid]);
    const c = connect(peopleConfig(s));
    const start = await c.currentWatermark!();
    await s.exec("UPDATE people SET updated_at = ? WHERE uid = 'c'", [at(2)]);
    await s.exec("UPDATE people SET updated_at = ?, title = 'Boss' WHERE uid = 'a'", [at(4)]);
    const d = await delta(c, start);
    // b and c sit at ...002, before the watermark ...003; a moved to ...004 (with its multi-value).
    expect(summary(d.items)).toEqual(["update a"]);
    expect(d.items[0]).toMatchObject({ attrs: { uid: ["a"], title: ["Boss"], mail: ["a@x"] } });
    expect(JSON.parse(d.watermark!).value).toMatch(/^2024-01-01 00:00:00\.000004/);
  });
});
