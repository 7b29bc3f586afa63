// MA Designer drafts against a real SQLite database: a half-finished MA saved without its secrets,
// saved again in place, listed with who saved it when, resumed on its page, removed by the create
// that finishes it, discarded, and admin only.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveMa } from "../../lib/services/ma-designer.ts";
import { discardMaDraft, listMaDrafts, loadMaDraft, saveMaDraft } from "../../lib/services/ma-drafts.ts";
import type { SaveMaDraftInput } from "../../lib/schemas/ma-drafts.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";
import { tempDir } from "../engine/scenario-kit.ts";
import { admin, helpdesk } from "./console-kit.ts";

describe("MA Designer drafts", () => {
  let fresh: FreshSqlite;
  let dir: string;
  beforeAll(async () => {
    fresh = await freshSqlite();
    dir = tempDir("ma-drafts");
  });
  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ldapState = (over: Partial<SaveMaDraftInput["state"]> = {}): SaveMaDraftInput["state"] => ({
    name: "Corp Directory",
    description: "half done",
    type: "ldap",
    values: { url: "ldap://dc1:389", bindDn: "cn=idsync,dc=example,dc=com", bindPassword: "s3cret-never-stored", baseDn: "" },
    extraConfig: { password: "also-secret" },
    rules: { importFlows: [{ objectType: "person", mvObjectType: "person", mv: "displayName", expression: "givenName & & sn" }], deprovision: "disconnector" },
    rulesYaml: null,
    runProfiles: [{ name: "Full Import", steps: ["full-import"], schedule: "" }],
    safety: { deletionThresholdCount: "5", deletionThresholdPercent: "", errorLimit: "", maxDeletePercentOnImport: "" },
    stagingMode: false,
    ...over,
  });

  it("saves a half-finished MA without its secrets, in place on the next save, and resumes it on its page", async () => {
    const first = await saveMaDraft(admin, { page: "connect", state: ldapState() }, fresh.db);
    const row = await fresh.db.maDraft.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.payload).not.toContain("s3cret-never-stored");
    expect(row.payload).not.toContain("also-secret");
    expect(row).toMatchObject({ name: "Corp Directory", type: "ldap", page: "connect", createdBy: "alice-admin" });

    const again = await saveMaDraft(admin, { draftId: first.id, page: "scope", state: ldapState({ values: { url: "ldap://dc1:389", baseDn: "dc=example,dc=com" } }) }, fresh.db);
    expect(again.id).toBe(first.id);
    expect(await fresh.db.maDraft.count()).toBe(1);

    expect(await listMaDrafts(admin, fresh.db)).toEqual([{ id: first.id, name: "Corp Directory", type: "ldap", page: "scope", updatedAt: again.savedAt, updatedBy: "alice-admin" }]);
    const resumed = await loadMaDraft(admin, first.id, fresh.db);
    expect(resumed).toMatchObject({ id: first.id, page: "scope", state: { name: "Corp Directory", values: { baseDn: "dc=example,dc=com" }, runProfiles: [{ name: "Full Import" }] } });
    // a half-finished rule (a bad expression) is kept as entered
    expect(resumed.state.rules).toMatchObject({ importFlows: [{ expression: "givenName & & sn" }] });
    expect(resumed.state.values.bindPassword).toBeUndefined();
    const saves = await fresh.db.auditEvent.findMany({ where: { action: "ma.draft.save" } });
    expect(saves).toHaveLength(2);
    const firstSave = saves.map((a) => JSON.parse(a.details ?? "{}") as { page?: string }).find((d) => d.page === "connect");
    expect(firstSave).toMatchObject({ secretsDropped: expect.arrayContaining(["bindPassword", "password"]) });
    expect(JSON.stringify(saves)).not.toContain("s3cret");
  });

  it("creating the MA from a draft removes the draft in the same save", async () => {
    const csv = path.join(dir, "c.csv");
    fs.writeFileSync(csv, "id,sn\n1,Lee\n");
    const d = await saveMaDraft(admin, { page: "anchor", state: ldapState({ name: "Contractors", type: "csv", values: { path: csv, anchor: "id" } }) }, fresh.db);
    // a refused save keeps the draft
    await expect(saveMa(admin, { draftId: d.id, name: "Contractors", type: "csv", config: { path: csv }, rules: {}, safety: {}, stagingMode: false, runProfiles: [] }, fresh.db)).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    expect(await fresh.db.maDraft.findUnique({ where: { id: d.id } })).not.toBeNull();
    await saveMa(admin, { draftId: d.id, name: "Contractors", type: "csv", config: { path: csv, anchor: "id" }, rules: {}, safety: {}, stagingMode: false, runProfiles: [] }, fresh.db);
    expect(await fresh.db.maDraft.findUnique({ where: { id: d.id } })).toBeNull();
    expect(await fresh.db.auditEvent.findFirst({ where: { action: "ma.create", target: "Contractors" } })).toMatchObject({ details: expect.stringContaining(d.id) });
  });

  it("discards a draft; a discarded draft can neither be resumed nor saved in place", async () => {
    const d = await saveMaDraft(admin, { page: "create", state: ldapState({ name: "", type: "" }) }, fresh.db);
    expect((await listMaDrafts(admin, fresh.db)).find((x) => x.id === d.id)).toMatchObject({ name: "", type: "", page: "create" });
    expect(await discardMaDraft(admin, d.id, fresh.db)).toEqual({ id: d.id, name: "" });
    await expect(loadMaDraft(admin, d.id, fresh.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(discardMaDraft(admin, d.id, fresh.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveMaDraft(admin, { draftId: d.id, page: "create", state: ldapState() }, fresh.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is admin only", async () => {
    await expect(saveMaDraft(helpdesk, { page: "create", state: ldapState() }, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listMaDrafts(helpdesk, fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
