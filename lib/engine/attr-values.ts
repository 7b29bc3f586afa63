// Value comparison helpers shared by import staging, attribute flow and export confirmation.
import type { AttrChange, AttrValues } from "./types.ts";

/** Same values regardless of order (multi-valued attributes are sets). */
export function sameValues(a: string[] | undefined, b: string[] | undefined, ignoreCase = false): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  if (x.length === 1) return ignoreCase ? x[0].toLowerCase() === y[0].toLowerCase() : x[0] === y[0];
  const norm = (v: string) => (ignoreCase ? v.toLowerCase() : v);
  const set = new Set(x.map(norm));
  return y.every((v) => set.has(norm(v)));
}

/** Attribute names whose values differ between two objects. */
export function changedAttributes(before: AttrValues, after: AttrValues): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const n of names) if (!sameValues(before[n], after[n])) out.push(n);
  return out;
}

/** Drops empty arrays and empty strings so "absent" has one representation (`attrs` itself when it has none). */
export function compact(attrs: AttrValues): AttrValues {
  if (isCompact(attrs)) return attrs;
  const out: AttrValues = {};
  for (const [k, v] of Object.entries(attrs)) {
    const vals = (v ?? []).filter((s) => s !== "" && s != null);
    if (vals.length) out[k] = vals;
  }
  return out;
}

function isCompact(attrs: AttrValues): boolean {
  for (const k in attrs) {
    const v = attrs[k];
    if (!v || v.length === 0) return false;
    for (const s of v) if (s === "" || s == null) return false;
  }
  return true;
}

/** The values an attribute will have after applying a change to `current`. */
export function applyChange(current: string[] | undefined, change: AttrChange): string[] {
  if (change.replace) return [...change.replace];
  const remove = new Set((change.remove ?? []).map((v) => v.toLowerCase()));
  const kept = (current ?? []).filter((v) => !remove.has(v.toLowerCase()));
  const have = new Set(kept.map((v) => v.toLowerCase()));
  for (const v of change.add ?? []) if (!have.has(v.toLowerCase())) kept.push(v);
  return kept;
}

export function applyChanges(attrs: AttrValues, changes: Record<string, AttrChange>): AttrValues {
  const out: AttrValues = { ...attrs };
  for (const [k, c] of Object.entries(changes)) {
    const v = applyChange(out[k], c);
    if (v.length) out[k] = v;
    else delete out[k];
  }
  return out;
}

/**
 * The change that turns `current` into `desired`. Multi-valued attributes get value adds and
 * removes (a one-member change of a 50,000-member group writes one value, not 50,000).
 */
export function diffValues(current: string[] | undefined, desired: string[], multiValued: boolean): AttrChange | null {
  if (sameValues(current, desired, multiValued)) return null;
  if (!multiValued || !current || current.length === 0) return { replace: desired };
  const cur = new Set(current.map((v) => v.toLowerCase()));
  const want = new Set(desired.map((v) => v.toLowerCase()));
  const add = desired.filter((v) => !cur.has(v.toLowerCase()));
  const remove = current.filter((v) => !want.has(v.toLowerCase()));
  if (desired.length === 0) return { replace: [] };
  return { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) };
}

function uniqueIgnoreCase(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && !!seen.add(v.toLowerCase()));
}

/**
 * Merges a newer change of an attribute onto an older pending one. Value adds and removes on top of
 * value adds and removes stay adds and removes (two membership changes of a 50,000-member group
 * before an export are two values, not a replace of the whole group).
 */
export function mergeChange(older: AttrChange | undefined, newer: AttrChange, base: string[] | undefined): AttrChange {
  if (!older || newer.replace) return newer;
  if (older.replace) return { replace: applyChange(older.replace, newer) };
  void base;
  const added = new Set((newer.add ?? []).map((v) => v.toLowerCase()));
  const removed = new Set((newer.remove ?? []).map((v) => v.toLowerCase()));
  const add = uniqueIgnoreCase([...(older.add ?? []).filter((v) => !removed.has(v.toLowerCase())), ...(newer.add ?? [])]);
  const remove = uniqueIgnoreCase([...(older.remove ?? []).filter((v) => !added.has(v.toLowerCase())), ...(newer.remove ?? [])]);
  return { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) };
}
