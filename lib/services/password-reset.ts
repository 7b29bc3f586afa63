// Help-desk (and API) password reset of one identity: a typed or generated password, checked
// against the policy, set in every connected system that manages passwords, a result per system,
// retries of the failed ones, and an audit event (who, whom, when, which systems; never the password).
import bcrypt from "bcryptjs";
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { PasswordResetResult, PasswordTargetView } from "../dto/password.ts";
import { AppError } from "../errors/app-error.ts";
import type { PasswordResetInput } from "../schemas/password.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectPasswordHistory } from "../store/password-queries.ts";
import { recordAudit } from "./audit.ts";
import { generatePassword, loadPasswordPolicy, type PasswordPolicy } from "./password-policy.ts";
import { assertPasswordPolicy, auditSystems, loadIdentity, passwordTargets, rememberPassword, setPasswordEverywhere } from "./password-sync.ts";

export interface ResetOptions {
  db?: Db;
  policy?: PasswordPolicy;
  /** the audit's action; the API records "password.reset" too, with the token as actor */
  via?: "console" | "api";
}

/** Whether `password` is the one last set (a retry of the failed systems, not a reuse). */
async function isLatest(db: Db, mvId: string, password: string): Promise<boolean> {
  const [latest] = await selectPasswordHistory(mvId, 1, db);
  return !!latest && (await bcrypt.compare(password, latest).catch(() => false));
}

export async function resetPassword(actor: SessionUser, input: PasswordResetInput, options: ResetOptions = {}): Promise<PasswordResetResult> {
  assertRole(actor, "helpdesk");
  const db = options.db ?? getDb();
  const policy = options.policy ?? loadPasswordPolicy();
  const identity = await loadIdentity(db, input.mvId);
  if (!identity) throw new AppError("NOT_FOUND", `no mventry with id ${input.mvId}`);
  const generated = input.generate ? generatePassword(policy) : undefined;
  const password = generated ?? input.password ?? "";
  const retry = !!input.onlyMaIds?.length;
  const retrying = retry && !generated && (await isLatest(db, identity.mvId, password));
  try {
    // a retry sends the password set a moment ago: only the history rule would refuse it
    if (!retrying) await assertPasswordPolicy(db, policy, identity, password);
  } catch (e) {
    await recordAudit(actor.username, "password.reset.refused", identity.mvId, { via: options.via ?? "console", code: (e as AppError).code, rules: ((e as AppError).details as { violations?: { rule: string }[] })?.violations?.map((v) => v.rule) }, db);
    throw e;
  }
  const results = await setPasswordEverywhere(db, identity.mvId, password, { onlyMaIds: input.onlyMaIds, mustChange: "settings" });
  if (results.some((r) => r.status === "success") && !retrying) await rememberPassword(db, policy, identity.mvId, password);
  await recordAudit(
    actor.username,
    "password.reset",
    identity.mvId,
    {
      via: options.via ?? "console",
      whom: identity.attrs.displayName?.[0] ?? identity.attrs.accountName?.[0] ?? identity.mvId,
      generated: !!generated,
      retry,
      systems: auditSystems(results),
    },
    db,
  );
  return { mvId: identity.mvId, results, ...(generated ? { generatedPassword: generated } : {}) };
}

/** The systems a reset of `mvId` would reach, and why the others do not apply (shown before the reset). */
export async function previewPasswordTargets(actor: SessionUser, mvId: string, options: { db?: Db } = {}): Promise<PasswordTargetView[]> {
  assertRole(actor, "helpdesk");
  return passwordTargets(options.db ?? getDb(), mvId);
}
