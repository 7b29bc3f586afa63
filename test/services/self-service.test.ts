// Self-service password reset against real SQLite, the real slapd (LDAP connector) and a real local
// SMTP server: registration after an LDAP bind, reset with answers and with an e-mailed code, the
// policy, lockout after five wrong answers (audited), no enumeration, rate limits per account and per
// client, one-time codes that expire and work once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordPolicySchema } from "../../lib/services/password-policy.ts";
import { resetPassword } from "../../lib/services/password-reset.ts";
import { loadSelfServiceConfig, type SelfServiceConfig } from "../../lib/services/self-service/config.ts";
import { listRegistrationDirectories, registerAnswers, verifyCurrentPassword } from "../../lib/services/self-service/register.ts";
import { completeSelfReset } from "../../lib/services/self-service/self-reset.ts";
import { sendEmailCode, verifyAnswers, verifyEmailCode } from "../../lib/services/self-service/verify.ts";
import { codeIn, startSmtp, type TestSmtp } from "../support/smtp.ts";
import { desk, passwordWorld, type PasswordWorld } from "./password-kit.ts";

const policy = passwordPolicySchema.parse({ minLength: 10, minClasses: 3, historyCount: 3 });
const ANSWERS = { q1: "Hill Street", q2: "Oslo", q3: "Volvo" };

describe("self-service password reset", () => {
  let w: PasswordWorld;
  let smtp: TestSmtp;
  let config: SelfServiceConfig;
  let n = 0;
  /** a fresh client address per test, so the per-client limit of one test does not touch the next */
  const client = () => `10.0.0.${++n}`;
  const ctx = (c = client(), extra: Partial<SelfServiceConfig> = {}) => ({ db: w.fresh.db, config: { ...config, ...extra }, client: c, policy });

  beforeAll(async () => {
    w = await passwordWorld();
    smtp = await startSmtp();
    // the per-account limit is raised here (the tests share accounts) and tested on its own below
    config = loadSelfServiceConfig({}, { smtpUrl: smtp.url, mailFrom: "IdSync <idsync@example.com>", accountLimit: 1000 });
    // Ann's and Bob's passwords are known to them (set by the help desk)
    await resetPassword(desk, { mvId: await w.mvIdOf("E1"), generate: false, password: "Start-Pass-001" }, { db: w.fresh.db, policy });
    await resetPassword(desk, { mvId: await w.mvIdOf("E2"), generate: false, password: "Start-Pass-002" }, { db: w.fresh.db, policy });
  }, 120_000);
  afterAll(async () => {
    await smtp?.stop();
    await w?.cleanup();
  });

  it("registers answers after a bind with the current password; stores them hashed", async () => {
    const dirs = await listRegistrationDirectories({ db: w.fresh.db });
    expect(dirs.map((d) => d.name)).toEqual(["Directory", "Partner"]);
    const directory = dirs[0]!.maId;
    await expect(verifyCurrentPassword({ account: "alee", maId: directory, password: "wrong" }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    await expect(verifyCurrentPassword({ account: "nobody", maId: directory, password: "Start-Pass-001" }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED", message: "the account name or the password is wrong" });
    const { grant, questions } = await verifyCurrentPassword({ account: "ALee", maId: directory, password: "Start-Pass-001" }, ctx());
    expect(questions.map((q) => q.id)).toEqual(["q1", "q2", "q3"]);
    await expect(registerAnswers({ grant, answers: { q1: "Hill Street" } }, ctx())).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await registerAnswers({ grant, answers: ANSWERS }, ctx())).toEqual({ registered: 3 });
    await expect(registerAnswers({ grant, answers: ANSWERS }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    const rows = await w.fresh.db.securityAnswer.findMany({ where: { mvId: await w.mvIdOf("E1") } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.answerHash.startsWith("$2") && !r.answerHash.includes("Oslo"))).toBe(true);
    // Bob registers too (used by the lockout test)
    const bob = await verifyCurrentPassword({ account: "bob.jones@example.com", maId: directory, password: "Start-Pass-002" }, ctx());
    await registerAnswers({ grant: bob.grant, answers: ANSWERS }, ctx());
  });

  it("resets with the answers: a password below the policy is refused with its rule, then the new one binds everywhere", async () => {
    const { grant } = await verifyAnswers({ account: "alee", answers: { q1: " hill  street ", q2: "OSLO", q3: "volvo" } }, ctx());
    await expect(completeSelfReset({ grant, password: "short" }, ctx())).rejects.toMatchObject({ code: "PASSWORD_POLICY", details: { violations: [{ rule: "min-length" }, { rule: "character-classes" }] } });
    await expect(completeSelfReset({ grant, password: "Start-Pass-001" }, ctx())).rejects.toMatchObject({ details: { violations: [{ rule: "recently-used" }] } });
    const done = await completeSelfReset({ grant, password: "Self-Chosen-99" }, ctx());
    expect(done.results.map((r) => [r.maName, r.status])).toEqual([["Directory", "success"], ["HR", "not-applicable"], ["Partner", "success"]]);
    expect(done.results.every((r) => r.dn === "")).toBe(true);
    expect(await w.bindOk(`uid=alee,${w.people}`, "Self-Chosen-99")).toBe(true);
    expect(await w.bindOk(`uid=alee,${w.partner}`, "Self-Chosen-99")).toBe(true);
    // the grant works once
    await expect(completeSelfReset({ grant, password: "Another-Pass-77" }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    const audit = await w.fresh.db.auditEvent.findMany({ where: { action: { startsWith: "selfservice." } } });
    expect(audit.map((a) => a.details).join()).not.toContain("Self-Chosen-99");
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["selfservice.verify-answers", "selfservice.reset.refused", "selfservice.reset"]));
  });

  it("answers an unknown account exactly like a known one with wrong answers", async () => {
    const known = await verifyAnswers({ account: "alee", answers: { q1: "x", q2: "y", q3: "z" } }, ctx()).catch((e: unknown) => e);
    const unknown = await verifyAnswers({ account: "no.such.person", answers: { q1: "x", q2: "y", q3: "z" } }, ctx()).catch((e: unknown) => e);
    const unregistered = await verifyAnswers({ account: "cmoe", answers: ANSWERS }, ctx()).catch((e: unknown) => e);
    for (const e of [known, unknown, unregistered]) expect(e).toMatchObject({ code: "VERIFICATION_FAILED", message: "the account name and the answers or code do not match" });
    const sentKnown = await sendEmailCode({ account: "alee" }, ctx());
    const sentUnknown = await sendEmailCode({ account: "no.such.person" }, ctx());
    const sentNoMail = await sendEmailCode({ account: "cmoe" }, ctx());
    expect(sentUnknown).toEqual(sentKnown);
    expect(sentNoMail).toEqual(sentKnown);
    await smtp.waitFor("ann.lee@example.com");
    expect(smtp.messages.some((m) => m.raw.includes("no.such.person"))).toBe(false);
  });

  it("locks the account after five wrong answers, even for the right ones then; the audit shows it", async () => {
    const c = ctx();
    for (let i = 0; i < 5; i++) {
      await expect(verifyAnswers({ account: "bjones", answers: { q1: "wrong", q2: "Oslo", q3: "Volvo" } }, c)).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    }
    await expect(verifyAnswers({ account: "bjones", answers: ANSWERS }, ctx())).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    await expect(sendEmailCode({ account: "bjones" }, ctx())).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    const lock = await w.fresh.db.auditEvent.findFirstOrThrow({ where: { action: "selfservice.lockout", target: "bjones" } });
    expect(JSON.parse(lock.details)).toMatchObject({ failures: 5 });
    expect(await w.fresh.db.auditEvent.count({ where: { action: "selfservice.verify-answers", target: await w.mvIdOf("E2") } })).toBeGreaterThanOrEqual(5);
    // an unknown name locks the same way (no enumeration through the lockout)
    for (let i = 0; i < 5; i++) await verifyAnswers({ account: "ghost", answers: {} }, ctx()).catch(() => {});
    await expect(verifyAnswers({ account: "ghost", answers: {} }, ctx())).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });

  it("the lock ends after its period", async () => {
    const short = { lockoutSeconds: 1 };
    for (let i = 0; i < 5; i++) await verifyAnswers({ account: "alee", answers: {} }, ctx(client(), short)).catch(() => {});
    await expect(verifyAnswers({ account: "alee", answers: ANSWERS }, ctx(client(), short))).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    await new Promise((r) => setTimeout(r, 1_200));
    await expect(verifyAnswers({ account: "alee", answers: ANSWERS }, ctx(client(), short))).resolves.toMatchObject({ grant: expect.any(String) });
  });

  it("rate limits per client address and per account, in the database", async () => {
    const c = client();
    const limited = { clientLimit: 3, accountLimit: 1000 };
    for (let i = 0; i < 3; i++) await sendEmailCode({ account: `someone${i}` }, ctx(c, limited));
    await expect(sendEmailCode({ account: "someone-else" }, ctx(c, limited))).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    await expect(sendEmailCode({ account: "someone-else" }, ctx(client(), limited))).resolves.toBeDefined();
    const perAccount = { accountLimit: 2, clientLimit: 1000 };
    await sendEmailCode({ account: "flooded" }, ctx(client(), perAccount));
    await sendEmailCode({ account: "flooded" }, ctx(client(), perAccount));
    await expect(sendEmailCode({ account: "flooded" }, ctx(client(), perAccount))).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect(await w.fresh.db.rateCounter.findUnique({ where: { key: `rate:client:${c}` } })).toMatchObject({ count: 4 });
    expect(await w.fresh.db.auditEvent.count({ where: { action: "selfservice.throttled" } })).toBeGreaterThanOrEqual(2);
  });

  it("resets with an e-mailed code: the code works once and only for its account", async () => {
    await sendEmailCode({ account: "ann.lee@example.com" }, ctx());
    const code = codeIn(await smtp.waitFor("ann.lee@example.com"));
    await expect(verifyEmailCode({ account: "cmoe", code }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    const { grant } = await verifyEmailCode({ account: "alee", code }, ctx());
    await expect(verifyEmailCode({ account: "alee", code }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    const done = await completeSelfReset({ grant, password: "Mailed-Code-55" }, ctx());
    expect(done.results.filter((r) => r.status === "success").map((r) => r.maName)).toEqual(["Directory", "Partner"]);
    expect(await w.bindOk(`uid=alee,${w.people}`, "Mailed-Code-55")).toBe(true);
    const row = await w.fresh.db.selfServiceToken.findFirstOrThrow({ where: { purpose: "email-code" }, orderBy: { createdAt: "desc" } });
    expect(row.secretHash).not.toContain(code);
  });

  it("a code expires, and a newer code replaces an older one", async () => {
    await sendEmailCode({ account: "alee" }, ctx(client(), { codeTtlSeconds: 1 }));
    const expired = codeIn(await smtp.waitFor("ann.lee@example.com"));
    await new Promise((r) => setTimeout(r, 1_200));
    await expect(verifyEmailCode({ account: "alee", code: expired }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    await sendEmailCode({ account: "alee" }, ctx());
    const older = codeIn(await smtp.waitFor("ann.lee@example.com"));
    await sendEmailCode({ account: "alee" }, ctx());
    const newer = codeIn(await smtp.waitFor("ann.lee@example.com"));
    if (older !== newer) await expect(verifyEmailCode({ account: "alee", code: older }, ctx())).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    await expect(verifyEmailCode({ account: "alee", code: newer }, ctx())).resolves.toMatchObject({ grant: expect.any(String) });
  });
});
