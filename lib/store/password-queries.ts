// Password management tables (issue 7): per-MA settings, the identity's password history and the
// REST API tokens. The self-service secrets and counters live in self-service-queries.ts.
import { getDb, type Db, type Tx } from "./db.ts";

export interface MaPasswordSettingsRow {
  maId: string;
  enabled: boolean;
  mustChangeAtNextLogon: boolean;
}

export async function selectPasswordSettings(maIds: string[], db: Db | Tx = getDb()): Promise<Map<string, MaPasswordSettingsRow>> {
  if (maIds.length === 0) return new Map();
  const rows = await db.maPasswordSettings.findMany({ where: { maId: { in: maIds } } });
  return new Map(rows.map((r) => [r.maId, { maId: r.maId, enabled: r.enabled, mustChangeAtNextLogon: r.mustChangeAtNextLogon }]));
}

export async function upsertPasswordSettings(row: MaPasswordSettingsRow, db: Db | Tx = getDb()): Promise<void> {
  const data = { enabled: row.enabled, mustChangeAtNextLogon: row.mustChangeAtNextLogon };
  await db.maPasswordSettings.upsert({ where: { maId: row.maId }, create: { maId: row.maId, ...data }, update: data });
}

export async function selectMaBasics(db: Db | Tx = getDb()): Promise<{ id: string; name: string; type: string }[]> {
  return db.managementAgent.findMany({ select: { id: true, name: true, type: true }, orderBy: { name: "asc" } });
}

/** The newest `limit` password hashes of an identity. */
export async function selectPasswordHistory(mvId: string, limit: number, db: Db | Tx = getDb()): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db.passwordHistory.findMany({ where: { mvId }, orderBy: [{ setAt: "desc" }, { id: "desc" }], take: limit, select: { hash: true } });
  return rows.map((r) => r.hash);
}

/** Adds a hash and drops all but the newest `keep`. */
export async function pushPasswordHistory(mvId: string, hash: string, keep: number, db: Db | Tx = getDb()): Promise<void> {
  await db.passwordHistory.create({ data: { mvId, hash } });
  const kept = await db.passwordHistory.findMany({ where: { mvId }, orderBy: [{ setAt: "desc" }, { id: "desc" }], take: Math.max(keep, 1), select: { id: true } });
  await db.passwordHistory.deleteMany({ where: { mvId, id: { notIn: kept.map((k) => k.id) } } });
}

// --- API tokens

export interface ApiTokenRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const tokenSelect = { id: true, name: true, role: true, prefix: true, createdBy: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function insertApiToken(
  input: { name: string; role: string; tokenHash: string; prefix: string; createdBy: string },
  db: Db | Tx = getDb(),
): Promise<ApiTokenRow> {
  return db.apiToken.create({ data: input, select: tokenSelect });
}

export async function selectApiTokens(db: Db | Tx = getDb()): Promise<ApiTokenRow[]> {
  return db.apiToken.findMany({ orderBy: { createdAt: "desc" }, select: tokenSelect });
}

export async function selectApiTokenByHash(tokenHash: string, db: Db | Tx = getDb()): Promise<ApiTokenRow | null> {
  return db.apiToken.findUnique({ where: { tokenHash }, select: tokenSelect });
}

/** Marks the token revoked; false when there is no such (unrevoked) token. */
export async function revokeApiTokenRow(id: string, db: Db | Tx = getDb()): Promise<ApiTokenRow | null> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count ? db.apiToken.findUnique({ where: { id }, select: tokenSelect }) : null;
}

export async function touchApiToken(id: string, db: Db | Tx = getDb()): Promise<void> {
  await db.apiToken.update({ where: { id }, data: { lastUsedAt: new Date() } });
}
