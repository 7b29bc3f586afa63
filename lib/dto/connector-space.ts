// A csentry as the console shows it, its pending export, and the sync preview of it.
import type { AttrChange, AttrValues } from "../engine/types.ts";

export interface PendingExportView {
  id: string;
  maId: string;
  csId: string;
  op: string;
  dn: string;
  newDn: string | null;
  changes: Record<string, AttrChange>;
  status: string;
  error: string | null;
  exportRunId: string | null;
  exportedAt: string | null;
  updatedAt: string;
}

export interface CsEntryDetail {
  id: string;
  maId: string;
  maName: string;
  anchor: string | null;
  dn: string;
  objectType: string;
  state: string;
  deleted: boolean;
  attrs: AttrValues;
  linkType: string | null;
  linkedAt: string | null;
  pendingImport: { op: string; previousDn?: string; changedAttrs?: string[] } | null;
  pendingExport: PendingExportView | null;
  mv: { id: string; objectType: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** One attribute of the mventry before and after the previewed sync. */
export interface AttrDiff {
  attr: string;
  before: string[];
  after: string[];
  change: "added" | "removed" | "changed" | "unchanged";
}

export interface PreviewView {
  csId: string;
  stats: Record<string, number>;
  errors: { code: string; message: string; location: string | null }[];
  mvBefore: { id: string; objectType: string } | null;
  mvAfter: { id: string; objectType: string } | null;
  /** true when the sync would create the mventry (projection) */
  mvCreated: boolean;
  diff: AttrDiff[];
  pendingExports: { ma: string; maId: string; csId: string; op: string; dn: string; newDn: string | null; changes: Record<string, AttrChange>; status: string }[];
}

export interface PendingExportFilter {
  dn?: string;
  op?: "add" | "update" | "rename" | "delete";
  status?: "pending" | "exported" | "failed";
}
