// The password policy (length, character classes, not the account name, not one of the last N),
// configured by environment variables and checked for every password IdSync sets.
import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { z } from "zod";
import type { PasswordPolicyView, PolicyViolation } from "../dto/password.ts";

const int = (dflt: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(dflt);

export const passwordPolicySchema = z.object({
  /** IDSYNC_PASSWORD_MIN_LENGTH */
  minLength: int(10, 4, 256),
  maxLength: int(128, 8, 1024),
  /** IDSYNC_PASSWORD_MIN_CLASSES: how many of lower case, upper case, digits, other characters */
  minClasses: int(3, 1, 4),
  /** IDSYNC_PASSWORD_HISTORY: a new password may not be one of the identity's last N */
  historyCount: int(5, 0, 50),
});
export type PasswordPolicy = z.output<typeof passwordPolicySchema>;

/** The policy from IDSYNC_PASSWORD_* (a bad value names the variable). */
export function loadPasswordPolicy(env: Record<string, string | undefined> = process.env): PasswordPolicy {
  const raw = {
    minLength: env.IDSYNC_PASSWORD_MIN_LENGTH || undefined,
    maxLength: env.IDSYNC_PASSWORD_MAX_LENGTH || undefined,
    minClasses: env.IDSYNC_PASSWORD_MIN_CLASSES || undefined,
    historyCount: env.IDSYNC_PASSWORD_HISTORY || undefined,
  };
  const parsed = passwordPolicySchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const names: Record<string, string> = { minLength: "IDSYNC_PASSWORD_MIN_LENGTH", maxLength: "IDSYNC_PASSWORD_MAX_LENGTH", minClasses: "IDSYNC_PASSWORD_MIN_CLASSES", historyCount: "IDSYNC_PASSWORD_HISTORY" };
    throw new Error(`${names[String(i?.path[0])] ?? "password policy"}: ${i?.message}`);
  }
  return parsed.data;
}

export function policyView(p: PasswordPolicy): PasswordPolicyView {
  return { minLength: p.minLength, minClasses: p.minClasses, historyCount: p.historyCount };
}

/** The policy in one sentence, for the forms. */
export function policyHint(p: PasswordPolicy): string {
  const history = p.historyCount > 0 ? `, not one of the last ${p.historyCount} passwords` : "";
  return `At least ${p.minLength} characters of ${p.minClasses} kinds (lower case, upper case, digits, other), not containing the account name${history}.`;
}

function classesOf(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
}

/** The names a password must not contain: account names and the local part of mail addresses (3+ characters). */
export function accountNamesOf(attrs: Record<string, string[] | undefined>): string[] {
  const names = new Set<string>();
  for (const a of ["accountName", "uid", "sAMAccountName", "cn"]) for (const v of attrs[a] ?? []) names.add(v);
  for (const m of attrs.mail ?? []) names.add(m.split("@")[0] ?? "");
  return [...names].map((n) => n.trim()).filter((n) => n.length >= 3);
}

/** The rules `password` breaks, without the history (which needs the hashes: see checkHistory). */
export function policyViolations(policy: PasswordPolicy, password: string, accountNames: string[]): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  if (password.length < policy.minLength) out.push({ rule: "min-length", message: `the password needs at least ${policy.minLength} characters` });
  if (password.length > policy.maxLength) out.push({ rule: "max-length", message: `the password has at most ${policy.maxLength} characters` });
  if (classesOf(password) < policy.minClasses) {
    out.push({ rule: "character-classes", message: `the password needs characters of at least ${policy.minClasses} kinds: lower case, upper case, digits, other characters` });
  }
  const lower = password.toLowerCase();
  if (accountNames.some((n) => lower.includes(n.toLowerCase()))) out.push({ rule: "contains-account-name", message: "the password may not contain the account name" });
  return out;
}

/** A violation when `password` matches one of the bcrypt `hashes` (the last N passwords). */
export async function checkHistory(policy: PasswordPolicy, password: string, hashes: string[]): Promise<PolicyViolation | null> {
  for (const h of hashes.slice(0, policy.historyCount)) {
    if (await bcrypt.compare(password, h).catch(() => false)) {
      return { rule: "recently-used", message: `the password may not be one of the last ${policy.historyCount} passwords` };
    }
  }
  return null;
}

const SETS = ["abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!#%+-=?@_"];

/** A random password meeting the policy: every character class, at least 16 characters. */
export function generatePassword(policy: PasswordPolicy): string {
  const length = Math.min(Math.max(policy.minLength, 16), policy.maxLength);
  const all = SETS.join("");
  const chars = SETS.map((s) => s[crypto.randomInt(s.length)]);
  while (chars.length < length) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
