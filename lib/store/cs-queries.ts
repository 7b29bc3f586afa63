// Read model of connector-space entries for the csentry page and the MA page's lookup.
import type { CsEntryDetail } from "../dto/connector-space.ts";
import type { DisconnectorView } from "../dto/metaverse.ts";
import type { AttrValues } from "../engine/types.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonObject } from "./json-field.ts";
import { toPendingExportView } from "./pending-export-queries.ts";

function displayName(attrs: AttrValues, fallback: string): string {
  return attrs.displayName?.[0] ?? attrs.cn?.[0] ?? attrs.accountName?.[0] ?? fallback;
}

export async function selectCsEntryDetail(maId: string, csId: string, db: Db | Tx = getDb()): Promise<CsEntryDetail | null> {
  const c = await db.csObject.findFirst({
    where: { id: csId, maId },
    include: { ma: { select: { name: true } }, mv: { select: { id: true, objectType: true, attrs: true } }, pendingExports: true },
  });
  if (!c) return null;
  const pe = c.pendingExports[0];
  return {
    id: c.id, maId: c.maId, maName: c.ma.name, anchor: c.anchor, dn: c.dn, objectType: c.objectType, state: c.state, deleted: c.deleted,
    attrs: parseJsonObject<AttrValues>(c.attrs, {}),
    linkType: c.linkType, linkedAt: iso(c.linkedAt),
    pendingImport: c.pendingImport ? parseJsonObject<{ op: string }>(c.pendingImport, { op: c.pendingImportOp ?? "?" }) : null,
    pendingExport: pe ? toPendingExportView(pe) : null,
    mv: c.mv ? { id: c.mv.id, objectType: c.mv.objectType, displayName: displayName(parseJsonObject<AttrValues>(c.mv.attrs, {}), c.mv.id) } : null,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

/** The csentry's detail by id alone (the Joiner links csentries of every MA). */
export async function selectCsEntryById(csId: string, db: Db | Tx = getDb()): Promise<CsEntryDetail | null> {
  const c = await db.csObject.findUnique({ where: { id: csId }, select: { maId: true } });
  return c ? selectCsEntryDetail(c.maId, csId, db) : null;
}

/** csentries of an MA whose anchor equals `q` or whose DN contains it (case-insensitive), by DN. */
export async function searchCsEntries(maId: string, q: string, limit: number, db: Db | Tx = getDb()): Promise<{ items: DisconnectorView[]; truncated: boolean }> {
  const rows = await db.csObject.findMany({
    where: { maId, OR: [{ anchor: q }, { dnKey: { contains: q.trim().toLowerCase() } }] },
    orderBy: { dnKey: "asc" },
    take: limit + 1,
  });
  return {
    truncated: rows.length > limit,
    items: rows.slice(0, limit).map((c) => ({ id: c.id, dn: c.dn, anchor: c.anchor, objectType: c.objectType, state: c.state, updatedAt: c.updatedAt.toISOString() })),
  };
}
