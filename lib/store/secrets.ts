// MA secrets (passwords in connector config) are encrypted at rest with AES-256-GCM.
// A secret value is stored as the string "enc:v1:<iv>:<tag>:<ciphertext>" (base64 parts).
// The key comes from IDSYNC_SECRET_KEY, or a key file created on first use under data/.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors/app-error.ts";

const PREFIX = "enc:v1:";
let cachedKey: Buffer | null = null;

function key(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.IDSYNC_SECRET_KEY;
  if (fromEnv) {
    cachedKey = crypto.createHash("sha256").update(fromEnv).digest();
    return cachedKey;
  }
  // The key file lives with the deployment's data, not in the build: keep the bundler out of it.
  const file = path.resolve(/*turbopackIgnore: true*/ process.env.IDSYNC_SECRET_KEY_FILE ?? path.join(process.cwd(), "data", ".secret-key"));
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    fs.mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
    fs.writeFileSync(/*turbopackIgnore: true*/ file, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  const raw = Buffer.from(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), "base64");
  if (raw.length !== 32) throw new AppError("SECRET_MISSING", `secret key file ${file} is not 32 bytes of base64: remove it or set IDSYNC_SECRET_KEY`);
  cachedKey = raw;
  return cachedKey;
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${ct.toString("base64")}`;
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX);
}

export function decryptSecret(value: string): string {
  const [iv, tag, ct] = value.slice(PREFIX.length).split(":");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
  } catch (e) {
    throw new AppError("SECRET_MISSING", "an MA secret cannot be decrypted: IDSYNC_SECRET_KEY (or data/.secret-key) changed", { cause: e });
  }
}

/** Field names treated as secrets in any connector config. */
export const SECRET_FIELDS = new Set(["password", "bindPassword", "secret", "apiKey", "clientSecret"]);

export function encryptConfigSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = SECRET_FIELDS.has(k) && typeof v === "string" && v && !isEncrypted(v) ? encryptSecret(v) : v;
  }
  return out;
}

export function decryptConfigSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = isEncrypted(v) ? decryptSecret(v) : v;
  return out;
}
