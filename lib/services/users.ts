// Console users: sign-in check, creation (create-admin, start, e2e setup), first admin.
import crypto from "node:crypto";
import { AppError } from "../errors/app-error.ts";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/password.ts";
import { isRole, type Role, type SessionUser } from "../auth/roles.ts";
import type { Db } from "../store/db.ts";
import { countUsers, findUserById, findUserByUsername, insertAuditEvent, upsertUser } from "../store/user-queries.ts";

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

function toSessionUser(row: { id: string; username: string; displayName: string; role: string }): SessionUser | null {
  if (!isRole(row.role)) return null;
  return { id: row.id, username: row.username, displayName: row.displayName || row.username, role: row.role };
}

/** The user for these credentials, or null (unknown user, wrong password, disabled). */
export async function verifyCredentials(username: string, password: string, db?: Db): Promise<SessionUser | null> {
  const row = await findUserByUsername(username.trim(), db);
  // Compare even for an unknown user so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, row?.passwordHash);
  if (!row || !ok || row.disabled) return null;
  return toSessionUser(row);
}

/** The current state of a signed-in user (role changes and disabling apply at once). */
export async function getActiveUser(id: string, db?: Db): Promise<SessionUser | null> {
  const row = await findUserById(id, db);
  if (!row || row.disabled) return null;
  return toSessionUser(row);
}

export interface CreateUserInput {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

/** Creates a user or resets an existing one's password and role. `actor` goes to the audit log. */
export async function createOrUpdateUser(input: CreateUserInput, actor: string, db?: Db): Promise<{ id: string; created: boolean }> {
  if (!USERNAME.test(input.username)) {
    throw new AppError("INVALID_INPUT", `username "${input.username}" may only hold letters, digits and . _ @ - (1-64 characters)`);
  }
  if (!isRole(input.role)) throw new AppError("INVALID_INPUT", `role must be admin or helpdesk, got "${String(input.role)}"`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const passwordHash = await hashPassword(input.password);
  const result = await upsertUser({ username: input.username, displayName: input.displayName, passwordHash, role: input.role }, db);
  await insertAuditEvent(
    { actor, action: result.created ? "user.create" : "user.update", target: input.username, details: { role: input.role } },
    db,
  );
  return result;
}

export type FirstAdminResult =
  | { status: "exists" }
  | { status: "created"; username: string; password: string; generated: boolean };

/**
 * When no admin exists: create one named IDSYNC_ADMIN_USER (default "admin") with IDSYNC_ADMIN_PASSWORD,
 * or with a random password the caller shows once.
 */
export async function ensureFirstAdmin(
  env: Record<string, string | undefined> = process.env,
  db?: Db,
): Promise<FirstAdminResult> {
  if ((await countUsers(db, "admin")) > 0) return { status: "exists" };
  const username = env.IDSYNC_ADMIN_USER?.trim() || "admin";
  const given = env.IDSYNC_ADMIN_PASSWORD;
  const password = given || crypto.randomBytes(18).toString("base64url");
  await createOrUpdateUser({ username, password, role: "admin", displayName: "Administrator" }, "system", db);
  return { status: "created", username, password, generated: !given };
}
