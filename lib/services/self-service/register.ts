// Registration of self-service answers: the user proves the current password with an LDAP bind as
// their own entry (the DN from the chosen MA's connector space) and then stores answers to the
// configured questions, hashed with bcrypt like passwords.
import bcrypt from "bcryptjs";
import { Client } from "ldapts";
import { parseMaConfig } from "../../connectors/registry.ts";
import { AppError } from "../../errors/app-error.ts";
import { selectMaBasics, selectPasswordSettings } from "../../store/password-queries.ts";
import { replaceAnswers } from "../../store/self-service-queries.ts";
import { SqlSyncStore } from "../../store/sync-store.ts";
import { recordAudit } from "../audit.ts";
import { auditTarget, resolveAccount } from "./accounts.ts";
import { questionsOf } from "./config.ts";
import { findGrant, issueGrant, useGrant } from "./secrets.ts";
import { guardAttempt, recordFailure, recordSuccess } from "./throttle.ts";
import { contextOf, normalizeAnswer, type SelfServiceContext } from "./verify.ts";

export const NOT_BOUND = "the account name or the password is wrong";

/** The directories a user may prove the current password against: LDAP MAs that manage passwords. */
export async function listRegistrationDirectories(ctx: Omit<SelfServiceContext, "client">): Promise<{ maId: string; name: string }[]> {
  const { db } = contextOf({ ...ctx, client: "" });
  const mas = (await selectMaBasics(db)).filter((m) => m.type === "ldap");
  const settings = await selectPasswordSettings(mas.map((m) => m.id), db);
  return mas.filter((m) => settings.get(m.id)?.enabled).map((m) => ({ maId: m.id, name: m.name }));
}

async function ldapBind(config: { url: string; startTls?: boolean; timeoutMs?: number; connectTimeoutMs?: number }, dn: string, password: string): Promise<boolean> {
  const client = new Client({ url: config.url, timeout: config.timeoutMs ?? 10_000, connectTimeout: config.connectTimeoutMs ?? 10_000 });
  try {
    if (config.startTls) await client.startTLS({});
    await client.bind(dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

export async function verifyCurrentPassword(input: { account: string; maId: string; password: string }, ctx: SelfServiceContext): Promise<{ grant: string; questions: { id: string; text: string }[] }> {
  const { db, config, client } = contextOf(ctx);
  await guardAttempt(db, config, { account: input.account, client }, "register-bind");
  const directory = (await listRegistrationDirectories({ db })).find((d) => d.maId === input.maId);
  if (!directory) throw new AppError("INVALID_INPUT", "choose one of the listed directories", { details: { fieldErrors: { maId: ["choose one of the listed directories"] } } });
  const store = SqlSyncStore.create(db);
  const ma = await store.getMa(directory.maId);
  if (!ma) throw new AppError("INVALID_INPUT", "choose one of the listed directories");
  const ldap = parseMaConfig(ma).config as { url: string; baseDn: string; startTls?: boolean; timeoutMs?: number; connectTimeoutMs?: number };
  const identity = await resolveAccount(db, config, input.account);
  const cs = identity ? (await store.csByMvIds([identity.mvId], ma.id)).find((c) => c.state === "connector" && c.anchor !== null) : undefined;
  // without an entry, still ask the server (a DN that does not exist): the same answer, the same time
  const bound = (await ldapBind(ldap, cs?.dn ?? `cn=idsync-no-such-account,${ldap.baseDn}`, input.password)) && !!cs;
  const target = auditTarget(identity, input.account);
  if (!bound || !identity) {
    await recordFailure(db, config, { account: input.account, client });
    await recordAudit(`self-service:${client}`, "selfservice.register-bind", target, { result: "failed", ma: ma.name }, db);
    throw new AppError("VERIFICATION_FAILED", NOT_BOUND);
  }
  await recordSuccess(db, input.account);
  await recordAudit(`self-service:${client}`, "selfservice.register-bind", target, { result: "verified", ma: ma.name }, db);
  return { grant: await issueGrant(db, identity.mvId, "register-grant", config.grantTtlSeconds), questions: questionsOf(config) };
}

export async function registerAnswers(input: { grant: string; answers: Record<string, string> }, ctx: SelfServiceContext): Promise<{ registered: number }> {
  const { db, config, client } = contextOf(ctx);
  const grant = await findGrant(db, input.grant, "register-grant");
  if (!grant) throw new AppError("VERIFICATION_FAILED", "this registration session has expired or was used: start again");
  const questions = questionsOf(config);
  const missing = questions.filter((q) => normalizeAnswer(input.answers[q.id] ?? "").length < 2);
  if (missing.length) {
    throw new AppError("INVALID_INPUT", "answer every question (2 characters at least)", {
      details: { fieldErrors: Object.fromEntries(missing.map((q) => [q.id, ["answer this question (2 characters at least)"]])) },
    });
  }
  const cost = Number(process.env.IDSYNC_BCRYPT_COST);
  const rounds = Number.isInteger(cost) && cost >= 4 && cost <= 15 ? cost : 12;
  const hashed = await Promise.all(questions.map(async (q) => ({ questionId: q.id, answerHash: await bcrypt.hash(normalizeAnswer(input.answers[q.id]!), rounds) })));
  if (!(await useGrant(db, grant.id))) throw new AppError("VERIFICATION_FAILED", "this registration session has expired or was used: start again");
  await replaceAnswers(grant.mvId, hashed, db);
  await recordAudit(`self-service:${client}`, "selfservice.register", grant.mvId, { questions: questions.length }, db);
  return { registered: questions.length };
}
