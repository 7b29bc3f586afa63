// The order an export batch is written in: several operations in flight on the connection at once
// (a directory answers them in parallel), but a change waits for the earlier changes it depends on:
//  - changes naming the same DN run one after the other in batch order;
//  - a change below a DN waits for an earlier change that writes that DN (an ou is added, or a
//    container renamed, before the entries under it are written);
//  - a delete waits for the changes below its DN (children are deleted first; a parent's delete
//    listed before its children's deletes is moved after them);
//  - changes carrying reference values (member, manager) run after the others, so a group's new
//    members exist before the group names them (servers with referential integrity refuse a DN
//    that does not exist yet).
// Every dependency points to a change scheduled earlier, so no wait can be circular. A connection
// failure of any change rejects the whole batch once every started change has settled.

import type { ExportChange, ExportResult } from "../../engine/types.ts";
import { splitDn } from "../../engine/expression-dn.ts";
import { normalizeDn } from "../ldif/entry-mapping.ts";

/** A counting semaphore. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async take<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** The normalized DNs above `dn`, nearest first (uid=a,ou=x,o=y -> ou=x,o=y and o=y). */
function ancestors(dn: string): string[] {
  const parts = splitDn(dn);
  return parts.slice(1).map((_, i) => parts.slice(i + 1).join(","));
}

interface Planned {
  change: ExportChange;
  i: number;
  /** normalized DNs the change writes (its DN, and its new DN for a rename). */
  keys: string[];
  depth: number;
}

/**
 * The wave in the order its changes are started: batch order, except that a delete is moved after
 * the deletes of entries below it that come later in the batch (the deepest of those first).
 */
function schedulingOrder(wave: Planned[]): Planned[] {
  const deletes = wave.filter((p) => p.change.op === "delete");
  if (deletes.length < 2) return wave;
  // Where each delete goes: after the last (as placed) delete of an entry below it.
  const placedAt = new Map<Planned, number>();
  for (const p of [...deletes].sort((a, b) => b.depth - a.depth)) {
    let at = p.i;
    const suffix = `,${p.keys[0]}`;
    for (const d of deletes) if (d.depth > p.depth && d.keys[0]!.endsWith(suffix)) at = Math.max(at, placedAt.get(d)!);
    placedAt.set(p, at);
  }
  const sortKey = (p: Planned): number[] => {
    const at = placedAt.get(p) ?? p.i;
    return at === p.i ? [p.i, 0, 0, p.i] : [at, 1, -p.depth, p.i];
  };
  const keyed = wave.map((p) => ({ p, k: sortKey(p) }));
  keyed.sort((x, y) => x.k[0]! - y.k[0]! || x.k[1]! - y.k[1]! || x.k[2]! - y.k[2]! || x.k[3]! - y.k[3]!);
  return keyed.map((x) => x.p);
}

/** Runs export batches with bounded concurrency and the ordering rules above. */
export class ExportScheduler {
  constructor(
    private readonly concurrency: number,
    private readonly isReference: (attribute: string) => boolean,
  ) {}

  private carriesReferences(change: ExportChange): boolean {
    if (change.op === "delete") return false;
    const names = [...Object.keys(change.changes), ...Object.keys(change.attrs ?? {})];
    return names.some((n) => this.isReference(n));
  }

  /** Applies every change of `batch`; results in batch order. */
  async run(batch: ExportChange[], apply: (change: ExportChange) => Promise<ExportResult>): Promise<ExportResult[]> {
    const results: ExportResult[] = new Array(batch.length);
    const planned = batch.map((change, i): Planned => {
      const keys = [change.dn, change.newDn].filter((d): d is string => !!d).map(normalizeDn);
      return { change, i, keys, depth: splitDn(keys[0] ?? "").length };
    });
    const waves = [planned.filter((p) => !this.carriesReferences(p.change)), planned.filter((p) => this.carriesReferences(p.change))];
    let failure: unknown = null;
    for (const wave of waves) {
      const slots = new Slots(this.concurrency);
      // The last scheduled change writing each DN, and the changes scheduled so far below each DN.
      const tails = new Map<string, Promise<unknown>>();
      const below = new Map<string, Promise<unknown>[]>();
      const running: Promise<unknown>[] = [];
      for (const { change, i, keys } of schedulingOrder(wave)) {
        const above = keys.map(ancestors);
        const deps: (Promise<unknown> | undefined)[] = [];
        keys.forEach((k, n) => {
          deps.push(tails.get(k));
          for (const a of above[n]!) deps.push(tails.get(a));
          if (change.op === "delete") deps.push(...(below.get(k) ?? []));
        });
        // A failure is recorded before the slot is handed on, so nothing starts after it.
        const settled = Promise.all(deps).then(() =>
          slots.take(async () => {
            if (failure) return;
            try {
              results[i] = await apply(change);
            } catch (e) {
              failure ??= e;
            }
          }),
        );
        keys.forEach((k, n) => {
          tails.set(k, settled);
          for (const a of above[n]!) {
            const list = below.get(a);
            if (list) list.push(settled);
            else below.set(a, [settled]);
          }
        });
        running.push(settled);
      }
      await Promise.all(running);
      if (failure) throw failure;
    }
    return results;
  }
}
