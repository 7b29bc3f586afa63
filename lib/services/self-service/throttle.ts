// Abuse resistance of the self-service pages, in the database so every app process shares it:
// rate limits per account name and per client address, and lockout of an account name after N
// failed verifications. Keyed by the name as typed (normalized), so an unknown account is limited
// and locked exactly like a known one: the responses cannot tell them apart.
import { AppError } from "../../errors/app-error.ts";
import type { Db } from "../../store/db.ts";
import { bumpCounter, clearCounter, lockCounter, lockedUntil } from "../../store/self-service-queries.ts";
import { recordAudit } from "../audit.ts";
import type { SelfServiceConfig } from "./config.ts";

export function normalizeAccount(account: string): string {
  return account.trim().toLowerCase();
}

export const TOO_MANY = "too many attempts: wait a while and try again, or ask your help desk";

/** Counts an attempt; throws TOO_MANY_ATTEMPTS when the account or client is over its limit or the account is locked. */
export async function guardAttempt(db: Db, config: SelfServiceConfig, who: { account: string; client: string }, action: string): Promise<void> {
  const account = normalizeAccount(who.account);
  const windowMs = config.rateWindowSeconds * 1000;
  const [perAccount, perClient] = await Promise.all([bumpCounter(`rate:account:${account}`, windowMs, db), bumpCounter(`rate:client:${who.client}`, windowMs, db)]);
  const locked = await lockedUntil(`fail:${account}`, db);
  const refused = locked ? "locked" : perAccount > config.accountLimit ? "account-rate" : perClient > config.clientLimit ? "client-rate" : null;
  if (refused) {
    await recordAudit(`self-service:${who.client}`, "selfservice.throttled", account, { action, reason: refused }, db);
    throw new AppError("TOO_MANY_ATTEMPTS", TOO_MANY);
  }
}

/** A failed verification; the Nth within the lockout period locks the account name. */
export async function recordFailure(db: Db, config: SelfServiceConfig, who: { account: string; client: string }): Promise<void> {
  const account = normalizeAccount(who.account);
  const key = `fail:${account}`;
  const failures = await bumpCounter(key, config.lockoutSeconds * 1000, db);
  if (failures >= config.lockoutThreshold) {
    const until = new Date(Date.now() + config.lockoutSeconds * 1000);
    await lockCounter(key, until, db);
    await recordAudit(`self-service:${who.client}`, "selfservice.lockout", account, { failures, until: until.toISOString() }, db);
  }
}

export async function recordSuccess(db: Db, account: string): Promise<void> {
  await clearCounter(`fail:${normalizeAccount(account)}`, db);
}

/** The client's address as the reverse proxy reported it (first X-Forwarded-For hop, X-Real-IP), else "unknown". */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const addr = forwarded || headers.get("x-real-ip")?.trim() || "unknown";
  return addr.slice(0, 64);
}
