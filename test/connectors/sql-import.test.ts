// SQL connector: schema discovery (types from the catalog), full import with composite anchors,
// an object type column, multi-valued rows and NULL anchors, identifier and value injection, preview.
import { describe, expect, it } from "vitest";
import { preview } from "../../lib/connectors/sql/sql-connector.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { FullImportItem, ImportedObject } from "../../lib/engine/types.ts";
import { createPeopleTables, peopleConfig, seedPeople, sqlTestBed, TEST_DIALECTS, type SqlSandbox, type TestDialect } from "./sql-harness.ts";

const { sandbox, connect } = sqlTestBed();
let s: SqlSandbox;

async function items(c: Connector, batchSize?: number): Promise<{ batches: FullImportItem[][]; objects: ImportedObject[] }> {
  const batches: FullImportItem[][] = [];
  for await (const b of c.fullImport(batchSize ? { batchSize } : undefined)) batches.push(b);
  return { batches, objects: batches.flat().flatMap((i) => (i.kind === "object" ? [i.object] : [])) };
}

/** staff (composite key region+id) with one column of each type, and staff_values. */
async function createStaff(sb: SqlSandbox): Promise<void> {
  const t: Record<TestDialect, string> = {
    postgres: `region varchar(8) NOT NULL, id integer NOT NULL, name text, active boolean, hired date, updated timestamptz, photo bytea, salary numeric(10,2), kind varchar(20)`,
    mariadb: `region varchar(8) NOT NULL, id int NOT NULL, name varchar(100), active tinyint(1), hired date, updated datetime(6), photo blob, salary decimal(10,2), kind varchar(20)`,
    sqlite: `region TEXT NOT NULL, id INTEGER NOT NULL, name TEXT, active BOOLEAN, hired DATE, updated DATETIME, photo BLOB, salary NUMERIC, kind TEXT`,
  };
  await sb.exec(`CREATE TABLE staff (${t[sb.dialect]}, PRIMARY KEY (region, id))`);
  await sb.exec(`CREATE TABLE staff_values (reg varchar(8) NOT NULL, sid int NOT NULL, attr varchar(40) NOT NULL, val varchar(200) NOT NULL)`);
  const stamp = sb.dialect === "postgres" ? "2024-05-06 07:08:09.123456+00" : "2024-05-06 07:08:09.123456";
  const rows: [string, number, string, boolean, string][] = [
    ["us", 2, "Dee", true, "person"],
    ["eu", 10, "Bea", false, "contractor"],
    ["eu", 1, "Ann", true, "person"],
    ["us", 1, "Cid", true, "person"],
    ["eu", 2, "Eve", false, "person"],
  ];
  for (const [region, id, name, active, kind] of rows) {
    await sb.exec("INSERT INTO staff (region, id, name, active, hired, updated, photo, salary, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
      region, id, name, sb.dialect === "postgres" ? active : active ? 1 : 0, "2020-01-31", stamp, Buffer.from([1, 2, 255]), "1234.50", kind,
    ]);
  }
  for (const [reg, sid, attr, val] of [["eu", 1, "mail", "ann@eu.example"], ["eu", 1, "mail", "a@eu.example"], ["eu", 1, "phone", "+1"], ["us", 2, "mail", "dee@us.example"]] as const) {
    await sb.exec("INSERT INTO staff_values (reg, sid, attr, val) VALUES (?, ?, ?, ?)", [reg, sid, attr, val]);
  }
}

const staffConfig = (sb: SqlSandbox, extra: Record<string, unknown> = {}) => ({
  ...sb.connection,
  table: "staff",
  anchor: ["region", "id"],
  objectTypeColumn: "kind",
  dnTemplate: "cn={name},ou={region}",
  multiValueTable: "staff_values",
  multiValueAnchor: ["reg", "sid"],
  multiValueNameColumn: "attr",
  multiValueValueColumn: "val",
  multiValueAttributes: ["manager"],
  ...extra,
});

describe.each(TEST_DIALECTS)("SQL import on %s", (dialect) => {
  it("discovers columns with their types, multi-valued attributes and object types", async () => {
    s = await sandbox(dialect);
    await createStaff(s);
    const schema = await connect(staffConfig(s)).discoverSchema();
    expect(schema.objectTypes.map((t) => t.name).sort()).toEqual(["contractor", "person"]);
    const type = schema.objectTypes[0]!;
    expect(type.anchor).toEqual(["region", "id"]);
    const attrs = Object.fromEntries(type.attributes.map((a) => [a.name, `${a.type}${a.multiValued ? "[]" : ""}`]));
    expect(attrs).toEqual({
      region: "string", id: "integer", name: "string", active: "boolean", hired: "datetime", updated: "datetime",
      photo: "binary", salary: "string", kind: "string", mail: "string[]", phone: "string[]", manager: "string[]",
    });
  });

  it("imports every row once in keyset order with composite anchors, typed values and multi-values", async () => {
    s = await sandbox(dialect);
    await createStaff(s);
    const { batches, objects } = await items(connect(staffConfig(s)), 2);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(objects.map((o) => o.anchor)).toEqual(['["eu","1"]', '["eu","2"]', '["eu","10"]', '["us","1"]', '["us","2"]']);
    const ann = objects[0]!;
    expect(ann).toMatchObject({ dn: "cn=Ann,ou=eu", objectType: "person" });
    expect(ann.attrs).toEqual({
      region: ["eu"], id: ["1"], name: ["Ann"], active: ["true"], hired: ["2020-01-31"], updated: ["2024-05-06T07:08:09.123Z"],
      photo: [Buffer.from([1, 2, 255]).toString("base64")], salary: [dialect === "sqlite" ? "1234.5" : "1234.50"], kind: ["person"], // SQLite stores NUMERIC as REAL
      mail: expect.arrayContaining(["ann@eu.example", "a@eu.example"]), phone: ["+1"],
    });
    expect(objects[2]).toMatchObject({ objectType: "contractor", attrs: { active: ["false"] } });
    expect(objects[4]!.attrs.mail).toEqual(["dee@us.example"]);
    expect(objects[3]!.attrs.mail).toBeUndefined();
  });

  it("reports rows with an empty anchor once and a row missing a DN template value by anchor", async () => {
    s = await sandbox(dialect);
    await s.exec("CREATE TABLE loose (uid varchar(20), cn varchar(20))");
    for (const [uid, cn] of [["a", "A"], [null, "X"], [null, "Y"], ["b", null]]) await s.exec("INSERT INTO loose (uid, cn) VALUES (?, ?)", [uid, cn]);
    const { batches } = await items(connect({ ...s.connection, table: "loose", anchor: "uid", dnTemplate: "cn={cn}" }));
    const all = batches.flat();
    expect(all.filter((i) => i.kind === "object").map((i) => i.kind === "object" && i.object.dn)).toEqual(["cn=A"]);
    expect(all.filter((i) => i.kind === "error").map((i) => i.kind === "error" && [i.code, i.message])).toEqual([
      ["sql-missing-anchor", "loose: 2 row(s) have an empty anchor column (uid) and were skipped"],
      ["sql-bad-row", 'loose: row b: column "cn" of the DN template is empty'],
    ]);
  });

  it("refuses table and column names that are not in the catalog; quotes real names with quotes in them", async () => {
    s = await sandbox(dialect);
    await createPeopleTables(s);
    await seedPeople(s, [{ uid: ["u1"], displayName: ["One"] }]);
    for (const [field, value, code] of [
      ["table", "people; DROP TABLE people; --", "sql-table-not-found"],
      ["table", 'people" ; DROP TABLE people; --', "sql-table-not-found"],
      ["anchor", 'uid" FROM people; DROP TABLE people; --', "sql-column-not-found"],
      ["dnTemplate", "cn={uid`); DROP TABLE people; --}", "sql-column-not-found"],
    ] as const) {
      const e = await connect(peopleConfig(s, { [field]: value })).testConnection().catch((x: unknown) => x);
      expect(e, `${field}: ${value}`).toBeInstanceOf(ConnectivityError);
      expect((e as ConnectivityError).code).toBe(code);
    }
    expect(await s.exec("SELECT uid FROM people")).toEqual([{ uid: "u1" }]);
    const table = 'odd "table` name';
    const col = 'we"ird`col';
    await s.exec(`CREATE TABLE ${s.q(table)} (${s.q(col)} varchar(20) NOT NULL PRIMARY KEY, v varchar(20))`);
    await s.exec(`INSERT INTO ${s.q(table)} (${s.q(col)}, v) VALUES ('k1', 'v1'), ('k2', 'v2')`);
    const { objects } = await items(connect({ ...s.connection, table, anchor: col }), 1);
    expect(objects.map((o) => [o.anchor, o.attrs.v?.[0]])).toEqual([["k1", "v1"], ["k2", "v2"]]);
  });

  it("preview returns the first n objects", async () => {
    s = await sandbox(dialect);
    await createStaff(s);
    const first = await preview(staffConfig(s), 3);
    expect(first.map((i) => i.kind === "object" && i.object.anchor)).toEqual(['["eu","1"]', '["eu","2"]', '["eu","10"]']);
  });
});
