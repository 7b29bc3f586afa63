// The connector space in the console: one csentry with its pending import and export and its
// mventry, a lookup by anchor or DN, and the sync preview of one csentry (admin; writes nothing).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { AttrDiff, CsEntryDetail, PreviewView } from "../dto/connector-space.ts";
import type { DisconnectorView } from "../dto/metaverse.ts";
import type { PreviewResult } from "../engine/preview.ts";
import type { AttrValues } from "../engine/types.ts";
import { AppError } from "../errors/app-error.ts";
import { selectCsEntryDetail, searchCsEntries } from "../store/cs-queries.ts";
import { getDb, type Db } from "../store/db.ts";
import { previewCsEntry } from "./inspect.ts";

export const CS_LOOKUP_LIMIT = 50;

export async function getCsEntry(actor: SessionUser, maId: string, csId: string, db: Db = getDb()): Promise<CsEntryDetail> {
  assertRole(actor, "admin");
  const cs = await selectCsEntryDetail(maId, csId, db);
  if (!cs) throw new AppError("NOT_FOUND", `management agent ${maId} has no csentry ${csId}`);
  return cs;
}

export async function findCsEntries(actor: SessionUser, maId: string, q: string, db: Db = getDb()): Promise<{ items: DisconnectorView[]; truncated: boolean }> {
  assertRole(actor, "admin");
  const query = q.trim();
  if (!query) return { items: [], truncated: false };
  return searchCsEntries(maId, query, CS_LOOKUP_LIMIT, db);
}

/** Each attribute of the mventry before and after, changed ones first. */
export function diffAttrs(before: AttrValues, after: AttrValues): AttrDiff[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: AttrDiff[] = names.map((attr) => {
    const b = before[attr] ?? [];
    const a = after[attr] ?? [];
    const same = b.length === a.length && b.every((v, i) => v === a[i]);
    const change: AttrDiff["change"] = same ? "unchanged" : b.length === 0 ? "added" : a.length === 0 ? "removed" : "changed";
    return { attr, before: b, after: a, change };
  });
  return [...out.filter((d) => d.change !== "unchanged"), ...out.filter((d) => d.change === "unchanged")];
}

export function toPreviewView(csId: string, r: PreviewResult): PreviewView {
  const stats: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.stats)) if (typeof v === "number") stats[k] = v;
  return {
    csId,
    stats,
    errors: r.errors.map((e) => ({ code: e.code, message: e.message, location: e.location ?? null })),
    mvBefore: r.mvBefore ? { id: r.mvBefore.id, objectType: r.mvBefore.objectType } : null,
    mvAfter: r.mvAfter ? { id: r.mvAfter.id, objectType: r.mvAfter.objectType } : null,
    mvCreated: !r.mvBefore && !!r.mvAfter,
    diff: diffAttrs(r.mvBefore?.attrs ?? {}, r.mvAfter?.attrs ?? {}),
    pendingExports: r.pendingExports.map((p) => ({ ma: p.ma, maId: p.maId, csId: p.csId, op: p.op, dn: p.dn, newDn: p.newDn ?? null, changes: p.changes, status: p.status })),
  };
}

/** What a synchronization would do with this csentry, computed in a transaction that is rolled back. */
export async function previewCsEntryById(actor: SessionUser, maId: string, csId: string, db: Db = getDb()): Promise<PreviewView> {
  assertRole(actor, "admin");
  const cs = await selectCsEntryDetail(maId, csId, db);
  if (!cs) throw new AppError("NOT_FOUND", `management agent ${maId} has no csentry ${csId}`);
  // previewCsEntry finds the csentry by anchor or DN; a provisioned csentry has no anchor until exported.
  const result = await previewCsEntry(actor, cs.maName, cs.anchor ?? cs.dn, db);
  if (result.csEntry.id !== cs.id) {
    throw new AppError("CONFLICT", `another csentry of ${cs.maName} answers to "${cs.anchor ?? cs.dn}"; cannot preview this one unambiguously`);
  }
  return toPreviewView(cs.id, result);
}
