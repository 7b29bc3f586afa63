// REST API tokens: an admin creates one (shown once), each with a role; only its sha256 is stored.
// A bearer token authenticates as a SessionUser "api:<name>" with the token's role.
import crypto from "node:crypto";
import { assertRole } from "../auth/assert-role.ts";
import { isRole, type Role, type SessionUser } from "../auth/roles.ts";
import type { ApiTokenView } from "../dto/password.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { insertApiToken, revokeApiTokenRow, selectApiTokenByHash, selectApiTokens, touchApiToken, type ApiTokenRow } from "../store/password-queries.ts";
import { recordAudit } from "./audit.ts";

const PREFIX = "idsync_";

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

function toView(r: ApiTokenRow): ApiTokenView {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(actor: SessionUser, db: Db = getDb()): Promise<ApiTokenView[]> {
  assertRole(actor, "admin");
  return (await selectApiTokens(db)).map(toView);
}

/** Creates a token; `token` is the only time the secret is seen. */
export async function createApiToken(actor: SessionUser, input: { name: string; role: Role }, db: Db = getDb()): Promise<{ token: string; view: ApiTokenView }> {
  assertRole(actor, "admin");
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await insertApiToken({ name: input.name, role: input.role, tokenHash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6), createdBy: actor.username }, db);
  await recordAudit(actor.username, "api-token.create", row.id, { name: row.name, role: row.role }, db);
  return { token, view: toView(row) };
}

export async function revokeApiToken(actor: SessionUser, id: string, db: Db = getDb()): Promise<ApiTokenView> {
  assertRole(actor, "admin");
  const row = await revokeApiTokenRow(id, db);
  if (!row) throw new AppError("NOT_FOUND", `no active API token with id ${id}`);
  await recordAudit(actor.username, "api-token.revoke", row.id, { name: row.name }, db);
  return toView(row);
}

/**
 * The API caller of an `Authorization: Bearer <token>` header; throws UNAUTHENTICATED for a missing,
 * unknown or revoked token (one message for all three).
 */
export async function authenticateBearer(authorization: string | null, db: Db = getDb()): Promise<SessionUser> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m) throw new AppError("UNAUTHENTICATED", "send an API token: Authorization: Bearer <token>");
  const row = await selectApiTokenByHash(hashApiToken(m[1]), db);
  if (!row || row.revokedAt || !isRole(row.role)) throw new AppError("UNAUTHENTICATED", "the API token is unknown or revoked");
  await touchApiToken(row.id, db);
  return { id: `api:${row.id}`, username: `api:${row.name}`, displayName: row.name, role: row.role };
}
