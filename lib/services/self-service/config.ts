// Settings of the self-service password reset, from the environment (docs/password-management.md).
import { z } from "zod";

const int = (dflt: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(dflt);

export const DEFAULT_QUESTIONS = [
  "What was the name of your first school?",
  "In which city were you born?",
  "What was the make of your first car?",
];

export const selfServiceConfigSchema = z.object({
  /** the mventry type of people, and the attributes a user may name the account by */
  objectType: z.string().default("person"),
  accountAttributes: z.array(z.string()).min(1).default(["accountName", "uid", "mail"]),
  mailAttribute: z.string().default("mail"),
  questions: z.array(z.string().min(3)).min(1).max(10).default(DEFAULT_QUESTIONS),
  /** failed verifications of one account before it locks, and for how long */
  lockoutThreshold: int(5, 1, 100),
  lockoutSeconds: int(900, 1, 86_400),
  /** attempts per account and per client address in a window */
  accountLimit: int(10, 1, 10_000),
  clientLimit: int(30, 1, 100_000),
  rateWindowSeconds: int(900, 1, 86_400),
  codeTtlSeconds: int(600, 1, 86_400),
  grantTtlSeconds: int(900, 1, 86_400),
  smtpUrl: z.string().optional(),
  mailFrom: z.string().default("IdSync <no-reply@localhost>"),
});
export type SelfServiceConfig = z.output<typeof selfServiceConfigSchema>;

const ENV: Record<string, keyof SelfServiceConfig> = {
  IDSYNC_SELF_SERVICE_OBJECT_TYPE: "objectType",
  IDSYNC_SELF_SERVICE_ACCOUNT_ATTRIBUTES: "accountAttributes",
  IDSYNC_SELF_SERVICE_QUESTIONS: "questions",
  IDSYNC_LOCKOUT_THRESHOLD: "lockoutThreshold",
  IDSYNC_LOCKOUT_SECONDS: "lockoutSeconds",
  IDSYNC_RATE_LIMIT_ACCOUNT: "accountLimit",
  IDSYNC_RATE_LIMIT_CLIENT: "clientLimit",
  IDSYNC_RATE_LIMIT_WINDOW_SECONDS: "rateWindowSeconds",
  IDSYNC_CODE_TTL_SECONDS: "codeTtlSeconds",
  IDSYNC_SMTP_URL: "smtpUrl",
  IDSYNC_MAIL_FROM: "mailFrom",
};

/** The config from IDSYNC_* variables (lists: comma-separated; questions: separated by "|"). */
export function loadSelfServiceConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<SelfServiceConfig> = {}): SelfServiceConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const v = env[name]?.trim();
    if (!v) continue;
    raw[key] = key === "questions" ? v.split("|").map((q) => q.trim()).filter(Boolean) : key === "accountAttributes" ? v.split(",").map((a) => a.trim()).filter(Boolean) : v;
  }
  const parsed = selfServiceConfigSchema.safeParse({ ...raw, ...overrides });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const name = Object.entries(ENV).find(([, k]) => k === i?.path[0])?.[0] ?? String(i?.path[0]);
    throw new Error(`${name}: ${i?.message}`);
  }
  return parsed.data;
}

/** Question ids are their positions: q1, q2, ... */
export function questionsOf(config: SelfServiceConfig): { id: string; text: string }[] {
  return config.questions.map((text, i) => ({ id: `q${i + 1}`, text }));
}
