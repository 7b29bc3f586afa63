// SQL connector export: changed columns only, per-object failures (constraint violations roll back
// that object's savepoint), bounded transactions, multi-valued rows, renames, refusals, values
// stored literally, generated anchors and typed columns round-tripping.
import { describe, expect, it } from "vitest";
import type { Connector } from "../../lib/engine/connector.ts";
import type { AttrValues, ExportChange, ImportedObject } from "../../lib/engine/types.ts";
import { sqlTestBed, TEST_DIALECTS, type SqlSandbox } from "./sql-harness.ts";

const { sandbox, connect } = sqlTestBed();
let s: SqlSandbox;

async function objects(c: Connector): Promise<Map<string, ImportedObject>> {
  const out = new Map<string, ImportedObject>();
  for await (const b of c.fullImport()) for (const i of b) if (i.kind === "object") out.set(i.object.anchor, i.object);
  return out;
}

const add = (uid: string, attrs: AttrValues = {}): ExportChange => ({ id: `add-${uid}`, op: "add", objectType: "person", anchor: null, dn: `cn=${uid}`, changes: {}, attrs: { uid: [uid], ...attrs } });
const update = (uid: string, changes: ExportChange["changes"], extra: Partial<ExportChange> = {}): ExportChange => ({ id: `upd-${uid}`, op: "update", objectType: "person", anchor: uid, dn: `cn=${uid}`, changes, ...extra });

/** people with a unique displayName and a CHECK on multi-values, plus an audit of UPDATE OF title. */
async function createTables(sb: SqlSandbox): Promise<void> {
  const dn = sb.q("displayName");
  await sb.exec(`CREATE TABLE people (uid varchar(100) NOT NULL PRIMARY KEY, ${dn} varchar(100) UNIQUE, title varchar(100))`);
  await sb.exec(`CREATE TABLE people_values (uid varchar(100) NOT NULL, attribute varchar(40) NOT NULL, value varchar(200) NOT NULL CHECK (value <> 'forbidden'))`);
  await sb.exec("CREATE TABLE title_audit (uid varchar(100))");
  if (sb.dialect === "postgres") {
    await sb.exec("CREATE FUNCTION audit_title() RETURNS trigger AS $$ BEGIN INSERT INTO title_audit VALUES (NEW.uid); RETURN NEW; END $$ LANGUAGE plpgsql SET search_path FROM CURRENT");
    await sb.exec("CREATE TRIGGER people_title AFTER UPDATE OF title ON people FOR EACH ROW EXECUTE FUNCTION audit_title()");
  } else if (sb.dialect === "sqlite") {
    await sb.exec("CREATE TRIGGER people_title AFTER UPDATE OF title ON people BEGIN INSERT INTO title_audit VALUES (NEW.uid); END");
  }
}

const config = (sb: SqlSandbox, extra: Record<string, unknown> = {}) => ({ ...sb.connection, table: "people", anchor: "uid", multiValueTable: "people_values", ...extra });

describe.each(TEST_DIALECTS)("SQL export on %s", (dialect) => {
  it("updates only the changed columns and keeps multi-valued rows in step", async () => {
    s = await sandbox(dialect);
    await createTables(s);
    const c = connect(config(s));
    let session = await c.openExport!();
    expect(await session.write([add("u1", { displayName: ["One"], title: ["Clerk"], mail: ["a@x", "b@x"], phone: ["1"] })])).toEqual([{ id: "add-u1", ok: true, anchor: "u1" }]);
    await session.commit();
    // Someone changes the title in the database; an export of other attributes must not overwrite it.
    await s.exec("UPDATE people SET title = 'Chief' WHERE uid = 'u1'");
    await s.exec("DELETE FROM title_audit");
    session = await c.openExport!();
    const results = await session.write([update("u1", { displayName: { replace: ["Uno"] }, mail: { add: ["c@x", "a@x"], remove: ["b@x"] }, phone: { replace: ["2", "3"] } })]);
    await session.commit();
    expect(results).toEqual([{ id: "upd-u1", ok: true, anchor: "u1" }]);
    const u1 = (await objects(c)).get("u1")!;
    expect(u1.attrs.displayName).toEqual(["Uno"]);
    expect(u1.attrs.title).toEqual(["Chief"]);
    expect([...u1.attrs.mail!].sort()).toEqual(["a@x", "c@x"]);
    expect([...u1.attrs.phone!].sort()).toEqual(["2", "3"]);
    if (dialect !== "mariadb") expect(await s.exec("SELECT uid FROM title_audit")).toEqual([]);
    session = await c.openExport!();
    const last = await session.write([update("u1", { title: { remove: ["Chief"] } }), { id: "del", op: "delete", objectType: "person", anchor: "u1", dn: "cn=u1", changes: {} }]);
    expect(last.map((r) => r.ok)).toEqual([true, true]);
    await session.commit();
    expect(await s.exec("SELECT uid FROM people")).toEqual([]);
    expect(await s.exec("SELECT uid FROM people_values")).toEqual([]);
    if (dialect !== "mariadb") expect(await s.exec("SELECT uid FROM title_audit")).toEqual([{ uid: "u1" }]);
  });

  it("a constraint violation fails that object only, rolling back all of its rows", async () => {
    s = await sandbox(dialect);
    await createTables(s);
    const c = connect(config(s));
    const session = await c.openExport!();
    const results = await session.write([
      add("u1", { displayName: ["Same"] }),
      add("u2", { displayName: ["Same"] }),
      add("u3", { displayName: ["Three"], mail: ["ok@x", "forbidden"] }),
      add("u1", { displayName: ["Again"] }),
      update("u1", { title: { replace: ["Boss"] } }),
      update("nobody", { title: { replace: ["X"] } }),
      { id: "gone", op: "delete", objectType: "person", anchor: "nobody", dn: "cn=nobody", changes: {} },
    ]);
    await session.commit();
    expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
      ["add-u1", true, undefined],
      ["add-u2", false, "sql-constraint-violation"],
      ["add-u3", false, "sql-constraint-violation"],
      ["add-u1", false, "sql-constraint-violation"],
      ["upd-u1", true, undefined],
      ["upd-nobody", false, "sql-export-not-found"],
      ["gone", true, undefined],
    ]);
    expect(results[1]!.message).toMatch(/^people: add cn=u2: /);
    expect(await s.exec("SELECT uid, title FROM people")).toEqual([{ uid: "u1", title: "Boss" }]);
    expect(await s.exec("SELECT value FROM people_values")).toEqual([]);
  });

  it("refuses what the table cannot take, per object", async () => {
    s = await sandbox(dialect);
    await createTables(s);
    const c = connect({ ...s.connection, table: "people", anchor: "uid", dnTemplate: "cn={displayName}" });
    const session = await c.openExport!();
    const results = await session.write([
      { ...add("u1", { displayName: ["One"] }), dn: "cn=One" },
      add("u2", { nickname: ["x"] }),
      add("u3", { title: ["a", "b"] }),
      update("u1", { uid: { replace: ["u9"] } }),
      { id: "ren", op: "rename", objectType: "person", anchor: "u1", dn: "cn=One", newDn: "cn=Uno\\, Sr.", changes: {} },
      { id: "ren-bad", op: "rename", objectType: "person", anchor: "u1", dn: "cn=One", newDn: "ou=elsewhere", changes: {} },
    ]);
    await session.commit();
    expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
      ["add-u1", true, undefined],
      ["add-u2", false, "sql-export-unknown-attribute"],
      ["add-u3", false, "sql-export-bad-value"],
      ["upd-u1", false, "sql-export-anchor-immutable"],
      ["ren", true, undefined],
      ["ren-bad", false, "sql-export-bad-dn"],
    ]);
    expect((await objects(c)).get("u1")).toMatchObject({ dn: "cn=Uno\\, Sr.", attrs: { displayName: ["Uno, Sr."] } });
  });

  it("commits every exportTransactionSize objects; abort rolls back the open transaction only", async () => {
    s = await sandbox(dialect);
    await createTables(s);
    const c = connect(config(s, { exportTransactionSize: 2 }));
    const session = await c.openExport!();
    await session.write(["a", "b", "c"].map((u) => add(u)));
    await session.write(["d", "e"].map((u) => add(u)));
    await session.abort();
    expect((await s.exec("SELECT uid FROM people ORDER BY uid")).map((r) => r.uid)).toEqual(["a", "b", "c", "d"]);
  });

  it("stores hostile values literally", async () => {
    s = await sandbox(dialect);
    await createTables(s);
    const c = connect(config(s));
    const uid = "x'); DROP TABLE people; --";
    const name = 'Robert"); DROP TABLE people_values;-- `';
    const mail = "'; DELETE FROM people_values WHERE '1'='1";
    const session = await c.openExport!();
    expect(await session.write([add(uid, { displayName: [name], mail: [mail] })])).toMatchObject([{ ok: true, anchor: uid }]);
    await session.commit();
    const o = (await objects(c)).get(uid)!;
    expect(o.attrs).toEqual({ uid: [uid], displayName: [name], mail: [mail] });
    expect((await s.exec("SELECT COUNT(*) AS n FROM people_values")).map((r) => Number(r.n))).toEqual([1]);
  });

  it("reads back a generated anchor and round-trips typed columns", async () => {
    s = await sandbox(dialect);
    const ddl = {
      postgres: "id serial PRIMARY KEY, active boolean, at timestamptz, photo bytea, n int",
      mariadb: "id int AUTO_INCREMENT PRIMARY KEY, active tinyint(1), at datetime(3), photo blob, n int",
      sqlite: "id INTEGER PRIMARY KEY, active BOOLEAN, at DATETIME, photo BLOB, n INTEGER",
    }[dialect];
    await s.exec(`CREATE TABLE typed (${ddl})`);
    const c = connect({ ...s.connection, table: "typed", anchor: "id" });
    const values = { active: ["true"], at: ["2024-05-06T07:08:09.123Z"], photo: [Buffer.from("hi\u0000").toString("base64")], n: ["42"] };
    const session = await c.openExport!();
    const results = await session.write([
      { id: "a", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: values },
      { id: "b", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: { active: ["false"] } },
    ]);
    await session.commit();
    expect(results).toEqual([{ id: "a", ok: true, anchor: "1" }, { id: "b", ok: true, anchor: "2" }]);
    const read = await objects(c);
    expect(read.get("1")!.attrs).toEqual({ id: ["1"], ...values });
    expect(read.get("2")!.attrs).toEqual({ id: ["2"], active: ["false"] });
  });
});
