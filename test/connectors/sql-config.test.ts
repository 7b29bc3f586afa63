// SQL connector config: defaults, per-dialect requirements, delta modes, anchor arity, field list.
import { describe, expect, it } from "vitest";
import { parseMaConfig } from "../../lib/connectors/registry.ts";
import { sqlConfigFields, sqlConfigSchema } from "../../lib/connectors/sql/sql-config.ts";

const pg = { dialect: "postgres", database: "hr", user: "idsync", table: "people", anchor: "uid" };
const issues = (input: unknown) => {
  const r = sqlConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("SQL config", () => {
  it("fills defaults and turns a single anchor into a list", () => {
    expect(sqlConfigSchema.parse(pg)).toMatchObject({
      host: "127.0.0.1", anchor: ["uid"], objectType: "person", deltaMode: "none", multiValueNameColumn: "attribute", multiValueValueColumn: "value",
      exportTransactionSize: 500, ssl: false, referenceColumns: [],
    });
    expect(sqlConfigSchema.parse({ ...pg, anchor: ["region", "id"] }).anchor).toEqual(["region", "id"]);
  });

  it("names each missing or inconsistent setting", () => {
    expect(issues({ dialect: "sqlite", table: "t", anchor: "id" })).toEqual(["file: a SQLite database file is required"]);
    expect(issues({ dialect: "mariadb", table: "t", anchor: "id" })).toEqual(["database: a database is required for mariadb", "user: a user is required for mariadb"]);
    expect(issues({ ...pg, deltaMode: "table" })).toEqual(["deltaTable: delta mode `table` needs the delta table"]);
    expect(issues({ ...pg, deltaMode: "column" })).toEqual(["deltaColumn: delta mode `column` needs the updated_at/rowversion column"]);
    expect(issues({ ...pg, anchor: ["a", "b"], multiValueTable: "v", multiValueAnchor: "x" })).toEqual(["multiValueAnchor: must name 2 column(s), like anchor"]);
    expect(issues({ ...pg, anchor: ["a", "a"] })).toEqual(["anchor: a column is listed twice"]);
    expect(issues({ ...pg, tabel: "x" })[0]).toMatch(/tabel/);
  });

  it("is registered as `sql`; a bad config names the MA and the field", () => {
    expect(parseMaConfig({ name: "Payroll", type: "sql", config: pg }).type.type).toBe("sql");
    expect(() => parseMaConfig({ name: "Payroll", type: "sql", config: { ...pg, dialect: "oracle" } })).toThrow(/^MA "Payroll" \(sql\): invalid config: dialect: /);
  });

  it("offers a Designer field for every setting, the password as a secret", () => {
    const names = sqlConfigFields.map((f) => f.name).sort();
    expect(names).toEqual(Object.keys(sqlConfigSchema.parse(pg)).concat(["port", "database", "user", "password", "file", "schema", "objectTypeColumn", "dnTemplate", "multiValueTable", "multiValueAnchor", "deltaTable", "deltaAnchor", "deltaColumn"]).filter((n, i, a) => a.indexOf(n) === i).sort());
    expect(sqlConfigFields.find((f) => f.name === "password")!.kind).toBe("secret");
  });
});
