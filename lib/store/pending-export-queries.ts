// Read model of an MA's pending exports for the staging review: filtered pages and keyset batches.
import type { PendingExportFilter, PendingExportView } from "../dto/connector-space.ts";
import type { Page } from "../dto/run.ts";
import type { AttrChange } from "../engine/types.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonObject } from "./json-field.ts";

type PeRow = {
  id: string; maId: string; csId: string; op: string; dn: string; newDn: string | null; changes: string; status: string;
  error: string | null; exportRunId: string | null; exportedAt: Date | null; updatedAt: Date;
};

export function toPendingExportView(r: PeRow): PendingExportView {
  return {
    id: r.id, maId: r.maId, csId: r.csId, op: r.op, dn: r.dn, newDn: r.newDn,
    changes: parseJsonObject<Record<string, AttrChange>>(r.changes, {}),
    status: r.status, error: r.error, exportRunId: r.exportRunId, exportedAt: iso(r.exportedAt), updatedAt: r.updatedAt.toISOString(),
  };
}

function whereOf(maId: string, f: PendingExportFilter) {
  const dn = f.dn?.trim();
  return {
    maId,
    ...(f.op ? { op: f.op } : {}),
    ...(f.status ? { status: f.status } : {}),
    // DN search is case-insensitive on both providers: the csentry's lower-cased dnKey, or the export's own DN as typed.
    ...(dn ? { OR: [{ dn: { contains: dn } }, { newDn: { contains: dn } }, { cs: { dnKey: { contains: dn.toLowerCase() } } }] } : {}),
  };
}

export async function selectPendingExports(
  maId: string,
  filter: PendingExportFilter,
  page: number,
  pageSize: number,
  db: Db | Tx = getDb(),
): Promise<Page<PendingExportView>> {
  const where = whereOf(maId, filter);
  const [total, rows] = await Promise.all([
    db.pendingExport.count({ where }),
    db.pendingExport.findMany({ where, orderBy: [{ dn: "asc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { page, pageSize, total, items: rows.map(toPendingExportView) };
}

/** Every matching pending export, in keyset batches (for downloads of any size). */
export async function* pendingExportBatches(
  maId: string,
  filter: PendingExportFilter,
  batchSize = 500,
  db: Db | Tx = getDb(),
): AsyncGenerator<PendingExportView[]> {
  const where = whereOf(maId, filter);
  let afterId: string | undefined;
  for (;;) {
    const rows = await db.pendingExport.findMany({
      where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where,
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return;
    afterId = rows[rows.length - 1]!.id;
    yield rows.map(toPendingExportView);
    if (rows.length < batchSize) return;
  }
}

export async function selectPendingExportByCs(csId: string, db: Db | Tx = getDb()): Promise<PendingExportView | null> {
  const r = await db.pendingExport.findUnique({ where: { csId } });
  return r ? toPendingExportView(r) : null;
}
