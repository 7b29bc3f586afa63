// Console users and audit events: the Prisma side of lib/services/users.ts and audit.ts.
import { getDb, type Db, type Tx } from "./db.ts";

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  disabled: boolean;
}

const userSelect = { id: true, username: true, displayName: true, passwordHash: true, role: true, disabled: true } as const;

export async function findUserByUsername(username: string, db: Db | Tx = getDb()): Promise<UserRow | null> {
  return db.user.findUnique({ where: { username }, select: userSelect });
}

export async function findUserById(id: string, db: Db | Tx = getDb()): Promise<UserRow | null> {
  return db.user.findUnique({ where: { id }, select: userSelect });
}

export async function countUsers(db: Db | Tx = getDb(), role?: string): Promise<number> {
  return db.user.count({ where: role ? { role, disabled: false } : {} });
}

export async function listUsers(db: Db | Tx = getDb()): Promise<Omit<UserRow, "passwordHash">[]> {
  return db.user.findMany({
    orderBy: { username: "asc" },
    select: { id: true, username: true, displayName: true, role: true, disabled: true },
  });
}

/** Creates the user, or replaces password and role when the username exists. */
export async function upsertUser(
  input: { username: string; displayName?: string; passwordHash: string; role: string },
  db: Db | Tx = getDb(),
): Promise<{ id: string; created: boolean }> {
  const existing = await db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (existing) {
    await db.user.update({
      where: { id: existing.id },
      data: { passwordHash: input.passwordHash, role: input.role, disabled: false, ...(input.displayName ? { displayName: input.displayName } : {}) },
    });
    return { id: existing.id, created: false };
  }
  const row = await db.user.create({
    data: { username: input.username, displayName: input.displayName ?? "", passwordHash: input.passwordHash, role: input.role },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

export async function insertAuditEvent(
  event: { actor: string; action: string; target?: string; details?: unknown },
  db: Db | Tx = getDb(),
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: event.actor,
      action: event.action,
      target: event.target ?? "",
      details: JSON.stringify(event.details ?? {}),
    },
  });
}
