// Export changes applied to a record's attribute values (shared by the file connectors' exports).

import type { AttrChange, AttrValues } from "../../engine/types.ts";

/** A queued operation on one record of a file export. */
export type RecordOp = { kind: "add"; objectType: string; attrs: AttrValues } | { kind: "modify"; changes: Record<string, AttrChange> } | { kind: "delete" };

/** One attribute change applied to its values: replace wins, else remove then add (no duplicates). */
export function applyAttrChange(values: string[], change: AttrChange): string[] {
  if (change.replace) return [...change.replace];
  const remove = new Set(change.remove ?? []);
  const out = values.filter((v) => !remove.has(v));
  for (const v of change.add ?? []) if (!out.includes(v)) out.push(v);
  return out;
}

/** A record after its queued operations, in order; null when it ends up deleted (or never added). */
export function applyRecordOps(start: AttrValues | null, ops: RecordOp[]): AttrValues | null {
  let row = start;
  for (const op of ops) {
    if (op.kind === "delete") row = null;
    else if (op.kind === "add") row = { ...op.attrs };
    else if (row) {
      const next = { ...row };
      for (const [name, change] of Object.entries(op.changes)) {
        const values = applyAttrChange(next[name] ?? [], change).filter((v) => v !== "");
        if (values.length) next[name] = values;
        else delete next[name];
      }
      row = next;
    }
  }
  return row;
}
