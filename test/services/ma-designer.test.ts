// The MA Designer's service against a real SQLite database: create, edit (a secret left blank keeps
// the stored one), refusals (a bad expression with its rule path and position, an invalid connector
// config, unknown step types), live checks (connection test, schema and preview) and the admin role.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkMaRules, discoverMaSchema, listConnectorTypes, loadMaForDesigner, saveMa, testMaConnection,
} from "../../lib/services/ma-designer.ts";
import type { MaDraftInput } from "../../lib/schemas/ma-designer.ts";
import { decryptSecret, isEncrypted } from "../../lib/store/secrets.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";
import { tempDir } from "../engine/scenario-kit.ts";
import { admin, helpdesk } from "./console-kit.ts";

describe("MA Designer service", () => {
  let fresh: FreshSqlite;
  let dir: string;
  let csv: string;
  beforeAll(async () => {
    fresh = await freshSqlite();
    dir = tempDir("ma-designer");
    csv = path.join(dir, "hr.csv");
    fs.writeFileSync(csv, "id,givenName,sn,groups\nE1,Ann,Lee,a|b\nE2,Bob,Ray,c\nE3,Cy,Dee,\n");
  });
  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hrDraft = (over: Partial<MaDraftInput> = {}): MaDraftInput => ({
    name: "HR",
    description: "HR export",
    type: "csv",
    config: { path: csv, anchor: "id", multiValued: ["groups"], dnTemplate: "" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
      importFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", expression: "givenName & ' ' & sn", precedence: 10 }],
      deprovision: "delete",
      deleteMvOnDisconnect: true,
    },
    safety: { deletionThresholdCount: 5, errorLimit: 10 },
    stagingMode: false,
    runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }, { type: "full-sync" }], schedule: "0 2 * * *" }],
    ...over,
  });

  it("lists the connector types with capabilities and fields", () => {
    const types = listConnectorTypes(admin);
    const ldap = types.find((t) => t.type === "ldap")!;
    expect(ldap.capabilities).toEqual({ delta: true, export: true, password: true });
    expect(ldap.fields.find((f) => f.name === "bindPassword")).toMatchObject({ kind: "secret", required: true });
    expect(types.find((t) => t.type === "csv")!.fields.map((f) => f.name)).toContain("anchor");
  });

  it("tests the connection, discovers the schema and previews the first rows", async () => {
    expect(await testMaConnection(admin, { type: "csv", config: { path: csv, anchor: "id" } }, fresh.db)).toMatchObject({ ok: true });
    const missing = await testMaConnection(admin, { type: "csv", config: { path: path.join(dir, "no-dir", "hr.csv"), anchor: "id" } }, fresh.db);
    expect(missing).toMatchObject({ ok: false, code: "directory-not-found", message: expect.stringContaining("no-dir") });
    expect(await testMaConnection(admin, { type: "csv", config: { anchor: "id" } }, fresh.db)).toMatchObject({ ok: false, code: "invalid-config", message: expect.stringContaining("path") });

    const found = await discoverMaSchema(admin, { type: "csv", config: { path: csv, anchor: "id", multiValued: ["groups"] } }, fresh.db, 2);
    if (!found.ok) throw new Error(found.message);
    expect(found.objectTypes[0].attributes.find((a) => a.name === "groups")).toMatchObject({ multiValued: true, reference: false });
    expect(found.preview).toHaveLength(2);
    expect(found.preview[0]).toMatchObject({ kind: "object", anchor: "E1", attrs: { givenName: ["Ann"], groups: ["a", "b"] } });
  });

  it("creates an MA with its rules, safety settings and run profiles, audited", async () => {
    const saved = await saveMa(admin, hrDraft(), fresh.db);
    expect(saved).toMatchObject({ name: "HR", created: true });
    const loaded = await loadMaForDesigner(admin, saved.maId, fresh.db);
    expect(loaded).toMatchObject({
      name: "HR", type: "csv", description: "HR export", config: { path: csv, anchor: "id", multiValued: ["groups"] },
      safety: { deletionThresholdCount: 5, errorLimit: 10 },
      runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }, { type: "full-sync" }], schedule: "0 2 * * *" }],
    });
    expect(loaded.rules).toMatchObject({ deprovision: "delete", deleteMvOnDisconnect: true });
    expect(loaded.rules).not.toHaveProperty("safety");
    expect(loaded.config).not.toHaveProperty("dnTemplate");
    expect(await fresh.db.auditEvent.findFirst({ where: { action: "ma.create", target: "HR" } })).toMatchObject({ actor: "alice-admin" });
    // the same name again is refused
    await expect(saveMa(admin, hrDraft(), fresh.db)).rejects.toMatchObject({ code: "CONFIG_INVALID", message: expect.stringContaining("already exists") });
  });

  it("edits an MA: a secret left blank keeps the stored one, a new one replaces it; renames and drops profiles", async () => {
    const ldapDraft = (config: Record<string, unknown>, over: Partial<MaDraftInput> = {}): MaDraftInput => ({
      name: "Directory", type: "ldap",
      config: { url: "ldap://127.0.0.1:1", bindDn: "cn=admin,dc=example,dc=com", baseDn: "dc=example,dc=com", ...config },
      runProfiles: [{ name: "Export", steps: [{ type: "export" }] }, { name: "Import", steps: [{ type: "full-import" }] }],
      ...over,
    });
    // a required secret is required on create
    await expect(saveMa(admin, ldapDraft({}), fresh.db)).rejects.toMatchObject({ code: "CONFIG_INVALID", message: expect.stringContaining("config.bindPassword") });
    const { maId } = await saveMa(admin, ldapDraft({ bindPassword: "s3cret-one" }), fresh.db);
    const stored = async () => JSON.parse((await fresh.db.managementAgent.findUniqueOrThrow({ where: { id: maId } })).config).bindPassword as string;
    expect(isEncrypted(await stored())).toBe(true);

    const loaded = await loadMaForDesigner(admin, maId, fresh.db);
    expect(loaded.secretsSet).toEqual(["bindPassword"]);
    expect(JSON.stringify(loaded)).not.toContain("s3cret-one");
    expect(loaded.config).not.toHaveProperty("bindPassword");

    const edited = await saveMa(admin, ldapDraft({ bindPassword: "" }, { maId, name: "Corp Directory", description: "renamed", runProfiles: [{ name: "Export", steps: [{ type: "export" }] }] }), fresh.db);
    expect(edited).toMatchObject({ maId, name: "Corp Directory", created: false });
    expect(decryptSecret(await stored())).toBe("s3cret-one");
    expect(await fresh.db.runProfile.findMany({ where: { maId }, select: { name: true } })).toEqual([{ name: "Export" }]);
    expect(await fresh.db.managementAgent.count({ where: { name: "Directory" } })).toBe(0);
    // the connection test of an edited MA uses the stored secret and never shows it
    const test = await testMaConnection(admin, { maId, type: "ldap", config: { url: "ldap://127.0.0.1:1", bindDn: "cn=x", baseDn: "dc=x" } }, fresh.db);
    expect(test.ok).toBe(false);
    expect(JSON.stringify(test)).not.toContain("s3cret-one");

    await saveMa(admin, ldapDraft({ bindPassword: "s3cret-two" }, { maId, name: "Corp Directory" }), fresh.db);
    expect(decryptSecret(await stored())).toBe("s3cret-two");
    const audit = await fresh.db.auditEvent.findMany({ where: { action: "ma.update" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("s3cret");
    // the type of an existing MA stays
    await expect(saveMa(admin, { ...hrDraft(), maId, name: "Corp Directory" }, fresh.db)).rejects.toMatchObject({ message: expect.stringContaining("cannot change") });
  });

  it("refuses a bad expression with its rule path and position, and writes nothing", async () => {
    const bad = hrDraft({
      name: "HR2",
      rules: { importFlows: [
        { objectType: "person", mvObjectType: "person", mv: "sn", cs: "sn" },
        { objectType: "person", mvObjectType: "person", mv: "displayName", expression: "givenName & & sn" },
      ] },
    });
    const err = await saveMa(admin, bad, fresh.db).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "CONFIG_INVALID" });
    const problems = (err as { details: { problems: unknown[]; fieldErrors: Record<string, string[]> } }).details;
    expect(problems.problems).toEqual([{ section: "rules", path: "rules.importFlows[1].expression", message: expect.stringContaining("position 13"), position: 13 }]);
    expect(problems.fieldErrors["rules:rules.importFlows[1].expression"][0]).toContain("position 13");
    expect(await fresh.db.managementAgent.count({ where: { name: "HR2" } })).toBe(0);
    expect(checkMaRules(admin, bad.rules)).toEqual([{ path: "importFlows[1].expression", message: expect.any(String), position: 13 }]);
    expect(checkMaRules(admin, { importFlows: [{ objectType: "person" }] })[0]).toMatchObject({ path: "importFlows[0].mvObjectType" });
  });

  it("refuses an invalid connector config, unknown step types and bad schedules", async () => {
    const err = await saveMa(admin, hrDraft({ name: "HR3", config: { path: csv, delimiter: "|", multiValueSeparator: "|", anchor: "id" } }), fresh.db).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "CONFIG_INVALID" });
    expect((err as { details: { problems: unknown[] } }).details.problems).toEqual([
      { section: "connection", path: "config.multiValueSeparator", message: "the multi-value separator must differ from the delimiter", page: "scope" },
    ]);
    await expect(saveMa(admin, hrDraft({ name: "HR3", config: { path: csv, anchor: "id", bogus: 1 } }), fresh.db)).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    await expect(saveMa(admin, hrDraft({ name: "HR3", type: "nope" }), fresh.db)).rejects.toMatchObject({ message: expect.stringContaining("unknown connector type") });
    const steps = await saveMa(admin, hrDraft({ name: "HR3", runProfiles: [{ name: "P", steps: [{ type: "full-imprt" }], schedule: "every day" }] }), fresh.db).catch((e: unknown) => e);
    expect((steps as { details: { problems: { path: string }[] } }).details.problems.map((p) => p.path)).toEqual(["runProfiles[0].steps[0].type", "runProfiles[0].schedule"]);
    expect(await fresh.db.managementAgent.count({ where: { name: "HR3" } })).toBe(0);
  });

  it("is admin only", async () => {
    expect(() => listConnectorTypes(helpdesk)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    await expect(saveMa(helpdesk, hrDraft({ name: "HR4" }), fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(testMaConnection(helpdesk, { type: "csv", config: { path: csv, anchor: "id" } }, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(discoverMaSchema(helpdesk, { type: "csv", config: { path: csv, anchor: "id" } }, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const id = (await fresh.db.managementAgent.findFirstOrThrow()).id;
    await expect(loadMaForDesigner(helpdesk, id, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(() => checkMaRules(helpdesk, {})).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(await fresh.db.managementAgent.count({ where: { name: "HR4" } })).toBe(0);
  });
});
