// Self-service password reset storage: registered answers (hashes), one-time secrets (hashes) and
// the fixed-window counters behind rate limits and lockout. Every write is a single conditional
// statement, so several app processes on one database agree without locks.
import { getDb, type Db, type Tx } from "./db.ts";

export async function selectAnswerHashes(mvId: string, db: Db | Tx = getDb()): Promise<Map<string, string>> {
  const rows = await db.securityAnswer.findMany({ where: { mvId }, select: { questionId: true, answerHash: true } });
  return new Map(rows.map((r) => [r.questionId, r.answerHash]));
}

/** Replaces every answer of the identity. */
export async function replaceAnswers(mvId: string, answers: { questionId: string; answerHash: string }[], db: Db = getDb()): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.securityAnswer.deleteMany({ where: { mvId } });
    for (const a of answers) await tx.securityAnswer.create({ data: { mvId, ...a } });
  });
}

export async function insertSelfServiceToken(
  input: { mvId: string; purpose: string; secretHash: string; expiresAt: Date },
  db: Db | Tx = getDb(),
): Promise<void> {
  await db.selfServiceToken.create({ data: input });
}

/** Marks every unused secret of this purpose used (a new code replaces the old ones). */
export async function retireSelfServiceTokens(mvId: string, purpose: string, db: Db | Tx = getDb()): Promise<void> {
  await db.selfServiceToken.updateMany({ where: { mvId, purpose, usedAt: null }, data: { usedAt: new Date() } });
}

/** The live (unused, unexpired) secret with this hash, or null. */
export async function selectLiveToken(secretHash: string, purpose: string, db: Db | Tx = getDb()): Promise<{ id: string; mvId: string } | null> {
  return db.selfServiceToken.findFirst({
    where: { secretHash, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, mvId: true },
  });
}

/** Uses the secret once: true for the one caller that flipped usedAt. */
export async function consumeToken(id: string, db: Db | Tx = getDb()): Promise<boolean> {
  const { count } = await db.selfServiceToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  return count === 1;
}

export async function deleteExpiredTokens(before: Date, db: Db | Tx = getDb()): Promise<void> {
  await db.selfServiceToken.deleteMany({ where: { expiresAt: { lt: before } } });
}

// --- counters

/** Counts one event under `key` in a window of `windowMs`; returns the count in the current window. */
export async function bumpCounter(key: string, windowMs: number, db: Db | Tx = getDb()): Promise<number> {
  const now = new Date();
  // An expired window starts over (keeping a lock that is still running).
  await db.rateCounter.updateMany({ where: { key, windowStart: { lt: new Date(now.getTime() - windowMs) } }, data: { count: 0, windowStart: now } });
  const row = await db.rateCounter.upsert({
    where: { key },
    create: { key, windowStart: now, count: 1 },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  return row.count;
}

export async function lockCounter(key: string, until: Date, db: Db | Tx = getDb()): Promise<void> {
  await db.rateCounter.update({ where: { key }, data: { lockedUntil: until, count: 0, windowStart: new Date() } });
}

export async function lockedUntil(key: string, db: Db | Tx = getDb()): Promise<Date | null> {
  const row = await db.rateCounter.findUnique({ where: { key }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil : null;
}

export async function clearCounter(key: string, db: Db | Tx = getDb()): Promise<void> {
  await db.rateCounter.deleteMany({ where: { key } });
}
