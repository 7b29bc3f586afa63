// MA Designer drafts (MaDraft): a half-finished MA's wizard state as JSON, with who saved it when.
import { getDb, type Db, type Tx } from "./db.ts";

export interface StoredMaDraft {
  id: string;
  name: string;
  type: string;
  page: string;
  payload: string;
  createdBy: string;
  updatedBy: string;
  updatedAt: Date;
}

const fields = { id: true, name: true, type: true, page: true, payload: true, createdBy: true, updatedBy: true, updatedAt: true } as const;

/** Creates the draft (no id) or updates it; null when `id` names no draft (discarded meanwhile). */
export async function upsertMaDraft(
  input: { id?: string; name: string; type: string; page: string; payload: string; actor: string },
  db: Db | Tx = getDb(),
): Promise<StoredMaDraft | null> {
  const data = { name: input.name, type: input.type, page: input.page, payload: input.payload, updatedBy: input.actor };
  if (!input.id) return db.maDraft.create({ data: { ...data, createdBy: input.actor }, select: fields });
  const { count } = await db.maDraft.updateMany({ where: { id: input.id }, data });
  return count ? db.maDraft.findUnique({ where: { id: input.id }, select: fields }) : null;
}

export function selectMaDrafts(db: Db | Tx = getDb()): Promise<StoredMaDraft[]> {
  return db.maDraft.findMany({ select: fields, orderBy: { updatedAt: "desc" } });
}

export function selectMaDraft(id: string, db: Db | Tx = getDb()): Promise<StoredMaDraft | null> {
  return db.maDraft.findUnique({ where: { id }, select: fields });
}

/** Removes the draft; false when there was none. */
export async function deleteMaDraft(id: string, db: Db | Tx = getDb()): Promise<boolean> {
  const { count } = await db.maDraft.deleteMany({ where: { id } });
  return count > 0;
}
