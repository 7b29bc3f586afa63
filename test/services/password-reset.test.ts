// Help-desk password reset end to end with the real slapd through the LDAP connector: the new password
// binds in the directory; the policy refuses with the rule broken; one system failing leaves the others
// set and the failure reported, and a retry sets the failed one; audit without the password.
import { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPasswordSettings } from "../../lib/store/password-queries.ts";
import { previewPasswordTargets, resetPassword } from "../../lib/services/password-reset.ts";
import { listPasswordSettings, updatePasswordSettings } from "../../lib/services/password-settings.ts";
import { passwordPolicySchema } from "../../lib/services/password-policy.ts";
import { testLdap } from "../support/test-ldap.ts";
import { boss, desk, passwordWorld, type PasswordWorld } from "./password-kit.ts";

const policy = passwordPolicySchema.parse({ minLength: 10, minClasses: 3, historyCount: 3 });

describe("help-desk password reset", () => {
  let w: PasswordWorld;
  let ann: string;
  const annDn = () => `uid=alee,${w.people}`;
  const annPartnerDn = () => `uid=alee,${w.partner}`;

  beforeAll(async () => {
    w = await passwordWorld();
    ann = await w.mvIdOf("E1");
  }, 120_000);
  afterAll(async () => {
    await w?.cleanup();
  });

  it("shows which systems manage passwords: the LDAP MAs yes, the CSV MA no", async () => {
    const targets = await previewPasswordTargets(desk, ann, { db: w.fresh.db });
    expect(targets.map((t) => [t.maName, t.applies, t.reason])).toEqual([
      ["Directory", true, null],
      ["HR", false, "the csv connector cannot set passwords"],
      ["Partner", true, null],
    ]);
    const settings = await listPasswordSettings(desk, w.fresh.db);
    expect(settings.find((m) => m.maName === "HR")).toMatchObject({ supportsPassword: false, managesPasswords: false });
    await expect(updatePasswordSettings(boss, { maId: "HR", enabled: true, mustChangeAtNextLogon: false }, w.fresh.db)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updatePasswordSettings(desk, { maId: "Directory", enabled: true, mustChangeAtNextLogon: false }, w.fresh.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("sets a typed password in every LDAP system; a bind with it succeeds; the audit names who, whom and the systems", async () => {
    const res = await resetPassword(desk, { mvId: ann, generate: false, password: "Blue-Kettle-42" }, { db: w.fresh.db, policy });
    expect(res.results.map((r) => [r.maName, r.status])).toEqual([["Directory", "success"], ["HR", "not-applicable"], ["Partner", "success"]]);
    expect(res.generatedPassword).toBeUndefined();
    expect(await w.bindOk(annDn(), "Blue-Kettle-42")).toBe(true);
    expect(await w.bindOk(annPartnerDn(), "Blue-Kettle-42")).toBe(true);
    expect(await w.bindOk(annDn(), "wrong-password")).toBe(false);
    const audit = await w.fresh.db.auditEvent.findFirstOrThrow({ where: { action: "password.reset", target: ann }, orderBy: { at: "desc" } });
    expect(audit.actor).toBe("desk");
    expect(audit.details).not.toContain("Blue-Kettle-42");
    expect(JSON.parse(audit.details)).toMatchObject({ whom: "Ann Lee", generated: false, retry: false, systems: [{ ma: "Directory", status: "success" }, { ma: "HR", status: "not-applicable" }, { ma: "Partner", status: "success" }] });
  });

  it("generates a password meeting the policy and shows it once", async () => {
    const res = await resetPassword(desk, { mvId: ann, generate: true }, { db: w.fresh.db, policy });
    expect(res.generatedPassword).toMatch(/^.{16,}$/);
    expect(await w.bindOk(annDn(), res.generatedPassword!)).toBe(true);
    const audit = await w.fresh.db.auditEvent.findFirstOrThrow({ where: { action: "password.reset", target: ann }, orderBy: { at: "desc" } });
    expect(audit.details).not.toContain(res.generatedPassword!);
  });

  it("refuses a password below the policy with the rule it breaks, and sets nothing", async () => {
    const attempt = (password: string) => resetPassword(desk, { mvId: ann, generate: false, password }, { db: w.fresh.db, policy });
    await expect(attempt("short")).rejects.toMatchObject({ code: "PASSWORD_POLICY", details: { violations: [{ rule: "min-length" }, { rule: "character-classes" }] } });
    await expect(attempt("alllowercase-long")).rejects.toMatchObject({ details: { violations: [{ rule: "character-classes" }] } });
    await expect(attempt("Hello-alee-2026")).rejects.toMatchObject({ details: { violations: [{ rule: "contains-account-name", message: "the password may not contain the account name" }] } });
    await expect(attempt("Blue-Kettle-42")).rejects.toMatchObject({ details: { violations: [{ rule: "recently-used" }] } });
    expect(await w.bindOk(annDn(), "Hello-alee-2026")).toBe(false);
    const refused = await w.fresh.db.auditEvent.findMany({ where: { action: "password.reset.refused", target: ann } });
    expect(refused.map((r) => JSON.parse(r.details).rules)).toContainEqual(["contains-account-name"]);
  });

  it("one system failing leaves the others set and reports the system's message; a retry sets the failed one", async () => {
    await w.breakMa("Partner");
    const res = await resetPassword(desk, { mvId: ann, generate: false, password: "Green-Lamp-77" }, { db: w.fresh.db, policy });
    const partner = res.results.find((r) => r.maName === "Partner")!;
    expect(res.results.find((r) => r.maName === "Directory")).toMatchObject({ status: "success" });
    expect(partner).toMatchObject({ status: "failure", code: expect.stringMatching(/^ldap-/) });
    expect(partner.message).toMatch(/ECONNREFUSED|connect/i);
    expect(await w.bindOk(annDn(), "Green-Lamp-77")).toBe(true);
    expect(await w.bindOk(annPartnerDn(), "Green-Lamp-77")).toBe(false);

    await w.restoreMa("Partner");
    const retry = await resetPassword(desk, { mvId: ann, generate: false, password: "Green-Lamp-77", onlyMaIds: [partner.maId] }, { db: w.fresh.db, policy });
    expect(retry.results.map((r) => [r.maName, r.status])).toEqual([["Partner", "success"]]);
    expect(await w.bindOk(annPartnerDn(), "Green-Lamp-77")).toBe(true);
    const audit = await w.fresh.db.auditEvent.findFirstOrThrow({ where: { action: "password.reset", target: ann }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit.details)).toMatchObject({ retry: true, systems: [{ ma: "Partner", status: "success" }] });
  });

  it("requires a change at next logon where the MA says so (ppolicy pwdReset)", async () => {
    await upsertPasswordSettings({ maId: await w.maId("Directory"), enabled: true, mustChangeAtNextLogon: true }, w.fresh.db);
    const res = await resetPassword(desk, { mvId: ann, generate: false, password: "Red-Chair-3141" }, { db: w.fresh.db, policy });
    expect(res.results.find((r) => r.maName === "Directory")).toMatchObject({ status: "success", mustChange: true });
    expect(res.results.find((r) => r.maName === "Partner")).toMatchObject({ status: "success", mustChange: false });
    const l = testLdap();
    const c = new Client({ url: l.url });
    try {
      await c.bind(l.adminDn, l.adminPassword);
      const { searchEntries } = await c.search(annDn(), { scope: "base", attributes: ["pwdReset"] });
      expect(String(searchEntries[0]?.pwdReset)).toBe("TRUE");
    } finally {
      await c.unbind();
    }
  });

  it("needs the helpdesk role and an existing identity; a disabled MA is not applicable", async () => {
    await expect(resetPassword({ ...desk, role: "nobody" as never }, { mvId: ann, generate: true }, { db: w.fresh.db, policy })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetPassword(boss, { mvId: "nope", generate: true }, { db: w.fresh.db, policy })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await updatePasswordSettings(boss, { maId: "Partner", enabled: false, mustChangeAtNextLogon: false }, w.fresh.db);
    const res = await resetPassword(boss, { mvId: ann, generate: true }, { db: w.fresh.db, policy });
    expect(res.results.find((r) => r.maName === "Partner")).toMatchObject({ status: "not-applicable", message: "password management is not enabled for this management agent" });
  });
});
