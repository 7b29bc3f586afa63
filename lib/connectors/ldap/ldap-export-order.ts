// The order an export batch is written in: several operations in flight on the connection at once
// (a directory answers them in parallel), but changes naming the same DN run one after the other
// in batch order, and changes carrying reference values (member, manager) run after the others,
// so a group's new members exist before the group names them (servers with referential
// integrity refuse a DN that does not exist yet). A connection failure of any change rejects the
// whole batch once every started change has settled.

import type { ExportChange, ExportResult } from "../../engine/types.ts";
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
    const indexed = batch.map((change, i) => ({ change, i }));
    const waves = [indexed.filter((c) => !this.carriesReferences(c.change)), indexed.filter((c) => this.carriesReferences(c.change))];
    let failure: unknown = null;
    for (const wave of waves) {
      const slots = new Slots(this.concurrency);
      const tails = new Map<string, Promise<unknown>>();
      const running: Promise<unknown>[] = [];
      for (const { change, i } of wave) {
        const keys = [change.dn, change.newDn].filter((d): d is string => !!d).map(normalizeDn);
        const before = Promise.all(keys.map((k) => tails.get(k)));
        // A failure is recorded before the slot is handed on, so nothing starts after it.
        const settled = before.then(() =>
          slots.take(async () => {
            if (failure) return;
            try {
              results[i] = await apply(change);
            } catch (e) {
              failure ??= e;
            }
          }),
        );
        for (const k of keys) tails.set(k, settled);
        running.push(settled);
      }
      await Promise.all(running);
      if (failure) throw failure;
    }
    return results;
  }
}
