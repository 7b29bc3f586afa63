// Self-service: the user proves who they are with the answers registered earlier or with a one-time
// code e-mailed to them, and receives a grant to set a new password. Unknown accounts get the very
// same answers as known ones (and the same bcrypt work), every attempt is rate limited, counted
// towards the lockout and audited.
import bcrypt from "bcryptjs";
import { AppError } from "../../errors/app-error.ts";
import { getDb, type Db } from "../../store/db.ts";
import { selectAnswerHashes } from "../../store/self-service-queries.ts";
import { recordAudit } from "../audit.ts";
import { auditTarget, resolveAccount } from "./accounts.ts";
import { loadSelfServiceConfig, questionsOf, type SelfServiceConfig } from "./config.ts";
import { sendMail } from "./mailer.ts";
import { issueEmailCode, issueGrant, redeemEmailCode } from "./secrets.ts";
import { guardAttempt, recordFailure, recordSuccess } from "./throttle.ts";

export interface SelfServiceContext {
  /** the client's address (rate limit per address) */
  client: string;
  db?: Db;
  config?: SelfServiceConfig;
}

export const NOT_VERIFIED = "the account name and the answers or code do not match";
export const CODE_SENT = "if the account exists and has an e-mail address, a code is on its way to it";

export function contextOf(ctx: SelfServiceContext): { db: Db; config: SelfServiceConfig; client: string } {
  return { db: ctx.db ?? getDb(), config: ctx.config ?? loadSelfServiceConfig(), client: ctx.client };
}

/** Lower case, single spaces: an answer typed a little differently still matches. */
export function normalizeAnswer(answer: string): string {
  return answer.trim().toLowerCase().replace(/\s+/g, " ");
}

let dummy: string | undefined;
const dummyHash = () => (dummy ??= bcrypt.hashSync("idsync-no-answer", 4));

async function fail(db: Db, config: SelfServiceConfig, client: string, account: string, target: string, action: string, reason: string): Promise<never> {
  await recordFailure(db, config, { account, client });
  await recordAudit(`self-service:${client}`, action, target, { result: "failed", reason }, db);
  throw new AppError("VERIFICATION_FAILED", NOT_VERIFIED);
}

export async function verifyAnswers(input: { account: string; answers: Record<string, string> }, ctx: SelfServiceContext): Promise<{ grant: string }> {
  const { db, config, client } = contextOf(ctx);
  await guardAttempt(db, config, { account: input.account, client }, "verify-answers");
  const identity = await resolveAccount(db, config, input.account);
  const stored = identity ? await selectAnswerHashes(identity.mvId, db) : new Map<string, string>();
  let ok = !!identity && stored.size > 0;
  for (const q of questionsOf(config)) {
    const hash = stored.get(q.id);
    const matches = await bcrypt.compare(normalizeAnswer(input.answers[q.id] ?? ""), hash ?? dummyHash()).catch(() => false);
    ok = ok && !!hash && matches;
  }
  const target = auditTarget(identity, input.account);
  if (!ok || !identity) return fail(db, config, client, input.account, target, "selfservice.verify-answers", !identity ? "unknown account" : stored.size === 0 ? "no answers registered" : "wrong answers");
  await recordSuccess(db, input.account);
  await recordAudit(`self-service:${client}`, "selfservice.verify-answers", target, { result: "verified" }, db);
  return { grant: await issueGrant(db, identity.mvId, "reset-grant", config.grantTtlSeconds) };
}

/** Sends a one-time code to the identity's e-mail address; the answer never says whether it did. */
export async function sendEmailCode(input: { account: string }, ctx: SelfServiceContext): Promise<{ message: string }> {
  const { db, config, client } = contextOf(ctx);
  await guardAttempt(db, config, { account: input.account, client }, "send-code");
  const identity = await resolveAccount(db, config, input.account);
  const to = identity?.attrs[config.mailAttribute]?.[0];
  const target = auditTarget(identity, input.account);
  if (!identity || !to) {
    await recordAudit(`self-service:${client}`, "selfservice.send-code", target, { result: "not-sent", reason: identity ? "no e-mail address" : "unknown account" }, db);
    return { message: CODE_SENT };
  }
  const code = await issueEmailCode(db, identity.mvId, config.codeTtlSeconds);
  const minutes = Math.max(1, Math.round(config.codeTtlSeconds / 60));
  // Not awaited: a known account must not answer slower than an unknown one.
  void sendMail(config, {
    to,
    subject: "Your IdSync password reset code",
    text: `Your one-time code is ${code}\n\nIt works once, for ${minutes} minute${minutes > 1 ? "s" : ""}. If you did not ask to reset your password, ignore this message.\n`,
  }).then(
    () => recordAudit(`self-service:${client}`, "selfservice.send-code", target, { result: "sent" }, db),
    (e: unknown) => {
      console.error("[idsync] sending a self-service code failed:", e);
      return recordAudit(`self-service:${client}`, "selfservice.send-code", target, { result: "send-failed", error: (e as Error).message }, db);
    },
  ).catch(() => {});
  return { message: CODE_SENT };
}

export async function verifyEmailCode(input: { account: string; code: string }, ctx: SelfServiceContext): Promise<{ grant: string }> {
  const { db, config, client } = contextOf(ctx);
  await guardAttempt(db, config, { account: input.account, client }, "verify-code");
  const identity = await resolveAccount(db, config, input.account);
  const target = auditTarget(identity, input.account);
  if (!identity || !(await redeemEmailCode(db, identity.mvId, input.code.trim()))) {
    return fail(db, config, client, input.account, target, "selfservice.verify-code", identity ? "wrong, used or expired code" : "unknown account");
  }
  await recordSuccess(db, input.account);
  await recordAudit(`self-service:${client}`, "selfservice.verify-code", target, { result: "verified" }, db);
  return { grant: await issueGrant(db, identity.mvId, "reset-grant", config.grantTtlSeconds) };
}
