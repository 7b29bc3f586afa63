// Inspection use cases: a csentry with its pending export, and the sync preview of one csentry.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { AppError } from "../errors/app-error.ts";
import { previewSync, type PreviewResult } from "../engine/preview.ts";
import type { CsEntry, PendingExportRecord } from "../engine/types.ts";
import { getDb, type Db } from "../store/db.ts";
import { SqlSyncStore } from "../store/sync-store.ts";

async function findCs(store: SqlSyncStore, maName: string, anchorOrDn: string) {
  const ma = await store.getMa(maName);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent named "${maName}"`);
  const [cs] = (await store.csByAnchors(ma.id, [anchorOrDn])).concat(await store.csByDns(ma.id, [anchorOrDn]));
  if (!cs) throw new AppError("NOT_FOUND", `MA "${ma.name}" has no csentry with anchor or DN "${anchorOrDn}"`);
  return { ma, cs };
}

export async function showCsEntry(actor: SessionUser, maName: string, anchor: string, db: Db = getDb()): Promise<CsEntry & { pendingExport: PendingExportRecord | null }> {
  assertRole(actor, "helpdesk");
  const store = SqlSyncStore.create(db);
  const { cs } = await findCs(store, maName, anchor);
  const [pe] = await store.peByCsIds([cs.id]);
  return { ...cs, pendingExport: pe ?? null };
}

export async function previewCsEntry(actor: SessionUser, maName: string, anchor: string, db: Db = getDb()): Promise<PreviewResult> {
  assertRole(actor, "admin");
  const store = SqlSyncStore.create(db);
  const { ma, cs } = await findCs(store, maName, anchor);
  return previewSync(store, ma, cs);
}
