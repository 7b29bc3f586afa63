// The MA Designer's per-page checks (Next) and the Connect page's test, against a real SQLite
// database, a real CSV file, the run-wide slapd and a real SQLite "connected system": each page sees
// only the problems of its own part of the draft, placed on the field or rule path.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqlSandbox, TEST_DIALECTS } from "../connectors/sql-harness.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMaPage } from "../../lib/services/ma-designer-page-check.ts";
import { probeMaConnection, saveMa } from "../../lib/services/ma-designer.ts";
import type { MaPageCheckInput } from "../../lib/schemas/ma-designer-pages.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";
import { testLdap } from "../support/test-ldap.ts";
import { tempDir } from "../engine/scenario-kit.ts";
import { admin, helpdesk } from "./console-kit.ts";

describe("MA Designer pages", () => {
  let fresh: FreshSqlite;
  let dir: string;
  let csv: string;
  beforeAll(async () => {
    fresh = await freshSqlite();
    dir = tempDir("ma-designer-pages");
    csv = path.join(dir, "hr.csv");
    fs.writeFileSync(csv, "id,givenName,sn\nE1,Ann,Lee\n");
  });
  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const check = (page: MaPageCheckInput["page"], draft: MaPageCheckInput["draft"]) => checkMaPage(admin, { page, draft }, fresh.db);

  it("Create: the name is required, unique and the type known", async () => {
    expect(await check("create", { name: " ", type: "" })).toEqual([
      { path: "name", message: "the MA name is required" },
      { path: "type", message: "choose a connector type" },
    ]);
    await saveMa(admin, { name: "Taken", type: "csv", config: { path: csv, anchor: "id" }, rules: {}, safety: {}, stagingMode: false, runProfiles: [] }, fresh.db);
    expect(await check("create", { name: "Taken", type: "nope" })).toEqual([
      { path: "name", message: 'a management agent called "Taken" already exists' },
      { path: "type", message: 'unknown connector type "nope"' },
    ]);
    expect(await check("create", { name: "Fresh", type: "csv" })).toEqual([]);
  });

  it("settings pages: each sees the problems of its own fields", async () => {
    const draft = { name: "HR", type: "csv", config: { encoding: "ebcdic", multiValued: ["groups"] } };
    expect(await check("connect", draft)).toEqual([{ path: "path", message: expect.any(String) }]);
    expect(await check("scope", draft)).toEqual([{ path: "encoding", message: expect.any(String) }]);
    expect(await check("attributes", draft)).toEqual([]);
    expect(await check("anchor", draft)).toEqual([{ path: "anchor", message: expect.any(String) }]);
    expect(await check("connect", { ...draft, config: { path: csv, anchor: "id" } })).toEqual([]);
    // LDAP: the base DN belongs to Partitions and containers, the bind settings to Connect
    const ldap = await check("scope", { name: "Dir", type: "ldap", config: { url: "ldap://x:389", filter: "no-parens" } });
    expect(ldap.map((p) => p.path).sort()).toEqual(["baseDn", "filter"]);
  });

  it("rules pages: a bad expression stops Attribute flow, not Connector filter", async () => {
    const rules = {
      connectorFilters: [{ objectType: "person", condition: "sn = 'x'" }],
      importFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", expression: "givenName & & sn" }],
      deprovision: "disconnector",
    };
    expect(await check("connectorFilter", { type: "csv", rules })).toEqual([]);
    expect(await check("attributeFlow", { type: "csv", rules })).toEqual([
      { path: "importFlows[0].expression", message: expect.any(String), position: 13 },
    ]);
    expect(await check("deprovisioning", { type: "csv", rules: { deprovision: "vanish" } })).toEqual([{ path: "deprovision", message: expect.any(String) }]);
  });

  it("run profiles: names, steps, schedules and safety settings", async () => {
    const problems = await check("runProfiles", {
      type: "csv",
      runProfiles: [
        { name: "Nightly", steps: [{ type: "full-import" }], schedule: "not cron" },
        { name: "Nightly", steps: [{ type: "teleport" }] },
        { name: "", steps: [] },
      ],
      safety: { deletionThresholdPercent: 150 },
    });
    expect(problems.map((p) => p.path)).toEqual([
      "runProfiles[2].name", "runProfiles[2].steps", "runProfiles[0].schedule", "runProfiles[1].name", "runProfiles[1].steps[0].type", "safety.deletionThresholdPercent",
    ]);
  });

  it("Connect's test needs only the connection settings: a file's folder, an LDAP bind and root DSE, a database login", async () => {
    expect(await probeMaConnection(admin, { type: "csv", config: { path: path.join(dir, "no-dir", "x.csv") } }, fresh.db)).toMatchObject({ ok: false, code: "directory-not-found" });
    expect(await probeMaConnection(admin, { type: "csv", config: { path: csv } }, fresh.db)).toMatchObject({ ok: true });
    expect(await probeMaConnection(admin, { type: "csv", config: {} }, fresh.db)).toMatchObject({ ok: false, code: "invalid-config", message: expect.stringContaining("path") });

    const l = testLdap();
    const wrong = await probeMaConnection(admin, { type: "ldap", config: { url: l.url, bindDn: l.adminDn, bindPassword: "wrong-password" } }, fresh.db);
    expect(wrong).toMatchObject({ ok: false, code: "ldap-invalid-credentials" });
    expect(JSON.stringify(wrong)).not.toContain("wrong-password");
    const bound = await probeMaConnection(admin, { type: "ldap", config: { url: l.url, bindDn: l.adminDn, bindPassword: l.adminPassword } }, fresh.db);
    expect(bound).toMatchObject({ ok: true, namingContexts: expect.arrayContaining([l.baseDn]) });

    const dbFile = path.join(dir, "hr.sqlite");
    new Database(dbFile).close();
    expect(await probeMaConnection(admin, { type: "sql", config: { dialect: "sqlite", file: dbFile } }, fresh.db)).toMatchObject({ ok: true, tables: [] });
    expect(await probeMaConnection(admin, { type: "sql", config: { dialect: "sqlite", file: `${dbFile}.missing` } }, fresh.db)).toMatchObject({ ok: false });
  });

  it.each(TEST_DIALECTS)("Connect's test lists the tables and views a %s login can read, for the Table page", async (dialect) => {
    const box = await sqlSandbox(dialect);
    try {
      await box.exec("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT)");
      await box.exec("CREATE VIEW active_staff AS SELECT id, name FROM staff");
      const probed = await probeMaConnection(admin, { type: "sql", config: box.connection }, fresh.db);
      expect(probed).toMatchObject({ ok: true, message: expect.stringContaining("2 tables and views listed") });
      if (!probed.ok) return;
      expect(probed.tables!.map((t) => [t.name, t.kind])).toEqual([["active_staff", "view"], ["staff", "table"]]);
      expect(new Set(probed.tables!.map((t) => t.schema)).size).toBe(1);
    } finally {
      await box.cleanup();
    }
  });

  it("is admin only", async () => {
    await expect(check("create", { name: "x" }).then(() => checkMaPage(helpdesk, { page: "create", draft: {} }, fresh.db))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(probeMaConnection(helpdesk, { type: "csv", config: {} }, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
