// Preview: the whole sync pipeline for one csentry (filter, join or projection, import flows with
// precedence, provisioning, export flows, deprovisioning), run inside a transaction that is always
// rolled back, so nothing is written. Shows what a sync would do and why.
import type { MaDefinition, SyncStore } from "./ports.ts";
import { StepContext } from "./step-context.ts";
import { SyncEnvironment } from "./sync-environment.ts";
import { SyncWork } from "./sync-work.ts";
import { Inbound } from "./inbound.ts";
import { Outbound } from "./outbound.ts";
import { RuleError } from "./flow-eval.ts";
import type { CsEntry, MvEntry, ObjectError, PendingExportRecord, StepStats } from "./types.ts";

export interface PreviewResult {
  csEntry: CsEntry;
  mvBefore: MvEntry | null;
  mvAfter: MvEntry | null;
  /** counters the sync would have raised (joins, projections, provisioning-adds, ...). */
  stats: StepStats;
  errors: ObjectError[];
  /** pending exports the sync would leave on the mventry's connectors. */
  pendingExports: (PendingExportRecord & { ma: string })[];
}

class Rollback extends Error {}

export async function previewSync(store: SyncStore, ma: MaDefinition, cs: CsEntry): Promise<PreviewResult> {
  const [mas, model] = await Promise.all([store.listMas(), store.loadModel()]);
  const mvBefore = cs.mvId ? ((await store.mvByIds([cs.mvId]))[0] ?? null) : null;
  const errors: ObjectError[] = [];
  let result: PreviewResult | undefined;
  try {
    await store.transaction(async (tx) => {
      const ctx = new StepContext(tx, "preview", "preview", "preview");
      const env = new SyncEnvironment(ma, mas, model, ctx, "preview");
      const work = new SyncWork();
      const inbound = new Inbound(env, tx, work);
      try {
        await inbound.syncEntry(cs);
        await new Outbound(env, tx, work).run();
        await work.flush(tx);
      } catch (e) {
        if (!(e instanceof RuleError)) throw e;
        errors.push({ code: e.code, message: e.message, location: e.rule, csId: cs.id });
      }
      const mvId = work.csUpdates.get(cs.id)?.mvId ?? cs.mvId;
      const mvAfter = mvId && !work.deletedMvIds.has(mvId) ? ((await tx.mvByIds([mvId]))[0] ?? null) : null;
      const connectors = mvId ? await tx.csByMvIds([mvId]) : [];
      const names = new Map(mas.map((m) => [m.id, m.name]));
      const pes = await tx.peByCsIds([...connectors.map((c) => c.id), ...work.csUpdates.keys()]);
      result = { csEntry: cs, mvBefore, mvAfter, stats: { ...ctx.stats }, errors, pendingExports: pes.map((p) => ({ ...p, ma: names.get(p.maId) ?? p.maId })) };
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result!;
}
