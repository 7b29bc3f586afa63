// One-time secrets of the self-service pages: e-mailed codes and grants (what a verified user holds
// to set a password or register answers). Only sha256 hashes are stored; each is used once.
import crypto from "node:crypto";
import type { Db } from "../../store/db.ts";
import { consumeToken, deleteExpiredTokens, insertSelfServiceToken, retireSelfServiceTokens, selectLiveToken } from "../../store/self-service-queries.ts";

export type GrantPurpose = "reset-grant" | "register-grant";

const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");

/** A new grant for `mvId`; the returned token goes to the browser, its hash to the database. */
export async function issueGrant(db: Db, mvId: string, purpose: GrantPurpose, ttlSeconds: number): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await insertSelfServiceToken({ mvId, purpose, secretHash: sha256(token), expiresAt: new Date(Date.now() + ttlSeconds * 1000) }, db);
  return token;
}

/** The live grant's id and identity (not used up yet), or null. */
export async function findGrant(db: Db, token: string, purpose: GrantPurpose): Promise<{ id: string; mvId: string } | null> {
  return selectLiveToken(sha256(token), purpose, db);
}

export async function useGrant(db: Db, id: string): Promise<boolean> {
  return consumeToken(id, db);
}

/** A new 8-digit code for `mvId`; earlier unused codes stop working. */
export async function issueEmailCode(db: Db, mvId: string, ttlSeconds: number): Promise<string> {
  await retireSelfServiceTokens(mvId, "email-code", db);
  await deleteExpiredTokens(new Date(Date.now() - 86_400_000), db);
  for (;;) {
    const code = String(crypto.randomInt(0, 100_000_000)).padStart(8, "0");
    try {
      await insertSelfServiceToken({ mvId, purpose: "email-code", secretHash: sha256(`${mvId}:${code}`), expiresAt: new Date(Date.now() + ttlSeconds * 1000) }, db);
      return code;
    } catch (e) {
      // the same code of this identity is still stored (used or expired): draw again
      if (!String((e as Error).message).match(/unique/i)) throw e;
    }
  }
}

/** Uses the code once: true only for an unexpired, unused code of this identity. */
export async function redeemEmailCode(db: Db, mvId: string, code: string): Promise<boolean> {
  const live = await selectLiveToken(sha256(`${mvId}:${code}`), "email-code", db);
  return !!live && (await consumeToken(live.id, db));
}
