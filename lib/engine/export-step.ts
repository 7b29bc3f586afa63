// Export: writes pending exports to the connected system in batches. Before a batch goes to the
// connector the engine records that this run sends it (sentInRunId); a change is marked "exported"
// (unconfirmed) only after the connector committed it, and the next import confirms it. A run
// killed between the two leaves changes that may already be in the system: re-sending them is
// harmless (value adds/removes, replaces and deletes are idempotent) except for adds, which the
// system refuses as existing; such an add is re-sent as an update of the same values. Staging mode
// holds exports; the deletion threshold stops the step before anything is written. A stop request
// ends the step between batches, with the batches sent so far committed and recorded.
import type { Connector, ExportSession } from "./connector.ts";
import type { MaDefinition, SyncStore } from "./ports.ts";
import { StopRequested, type StepContext } from "./step-context.ts";
import type { CsEntry, ExportChange, ExportResult, PendingExportRecord } from "./types.ts";
import { applyChanges } from "./attr-values.ts";

const BATCH = 500;

/** Raised before any write when an export would delete more than the MA allows. */
export class DeletionThresholdExceeded extends Error {
  constructor(
    readonly deletes: number,
    readonly limit: number,
  ) {
    super(`export stopped: ${deletes} pending deletes exceed the deletion threshold of ${limit}`);
    this.name = "DeletionThresholdExceeded";
  }
}

/**
 * Adds refused by the system that an interrupted run had already sent: the object is most likely
 * the one that run created, so the add is re-sent as an update setting the same values. When that
 * is refused too the add's own refusal stands.
 */
async function retryInterruptedAdds(session: ExportSession, batch: ExportChange[], results: ExportResult[], byId: Map<string, PendingExportRecord>, runId: string): Promise<ExportResult[]> {
  const changes = new Map(batch.map((c) => [c.id, c]));
  const retry = results
    .filter((r) => !r.ok && byId.get(r.id)?.op === "add" && byId.get(r.id)?.sentInRunId && byId.get(r.id)?.sentInRunId !== runId)
    .map((r): ExportChange => ({ ...changes.get(r.id)!, op: "update", attrs: undefined, anchor: changes.get(r.id)!.anchor ?? r.anchor ?? null }));
  if (retry.length === 0) return results;
  const retried = new Map((await session.write(retry)).filter((r) => r.ok).map((r) => [r.id, r]));
  return results.map((r) => retried.get(r.id) ?? r);
}

export interface ExportOptions {
  /** an admin approved this export past the deletion threshold. */
  approveDeletes?: boolean;
}

/** One page of pending exports, as the connector gets it. */
interface PreparedBatch {
  batch: ExportChange[];
  byId: Map<string, PendingExportRecord>;
  entries: Map<string, CsEntry>;
}

/** The pending exports to send, failed ones first (every export run retries them), a page at a time. */
async function* preparedBatches(store: SyncStore, maId: string, runId: string): AsyncGenerator<PreparedBatch> {
  for (const status of ["failed", "pending"] as const) {
    let afterId: string | undefined;
    for (;;) {
      // A failed change retried by the first pass is pending again: the second pass must not resend it.
      const page = await store.pePage(maId, { status, afterId, limit: BATCH, notSentInRunId: runId });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const entries = new Map((await store.csByIds(page.map((p) => p.csId))).map((c) => [c.id, c]));
      const batch: ExportChange[] = [];
      for (const pe of page) {
        const cs = entries.get(pe.csId);
        if (!cs) continue;
        batch.push({
          id: pe.id,
          op: pe.op,
          objectType: cs.objectType,
          anchor: cs.anchor,
          dn: pe.dn,
          newDn: pe.newDn ?? undefined,
          changes: pe.changes,
          attrs: pe.op === "add" ? applyChanges({}, pe.changes) : undefined,
        });
      }
      yield { batch, byId: new Map(page.map((p) => [p.id, p])), entries };
    }
  }
}

export async function runExport(store: SyncStore, ma: MaDefinition, connector: Connector, ctx: StepContext, options: ExportOptions = {}): Promise<string | undefined> {
  const pending = (await store.peCount(ma.id, { status: "pending" })) + (await store.peCount(ma.id, { status: "failed" }));
  ctx.total = pending;
  if (ma.stagingMode) return `staging mode: ${pending} pending exports held for review`;
  if (!connector.openExport) return "this connector type does not export";
  const deletes = await store.peCount(ma.id, { status: "pending", op: "delete" });
  const { deletionThresholdCount, deletionThresholdPercent } = ma.safety;
  if (!options.approveDeletes && deletes > 0) {
    const size = deletionThresholdPercent !== undefined ? await store.csCount(ma.id) : 0;
    const byPercent = deletionThresholdPercent !== undefined ? Math.floor((size * deletionThresholdPercent) / 100) : Infinity;
    const limit = Math.min(deletionThresholdCount ?? Infinity, byPercent);
    if (deletes > limit) throw new DeletionThresholdExceeded(deletes, limit);
  }
  const session = await connector.openExport();
  const anchors: { id: string; anchor: string }[] = [];
  /**
   * Counts a batch's results. A refusal is final whatever the commit does, so it is written now;
   * the accepted changes of the run become "exported" in one statement after the commit, so a
   * million-object export holds nothing per object for them.
   */
  const record = async ({ byId, entries }: PreparedBatch, results: ExportResult[]) => {
    const refused: { id: string; status: PendingExportRecord["status"]; error: string }[] = [];
    for (const r of results) {
      const pe = byId.get(r.id)!;
      ctx.done++;
      const ref = { csId: pe.csId, anchor: entries.get(pe.csId)?.anchor ?? r.anchor, dn: pe.newDn ?? pe.dn };
      if (r.ok) {
        if (r.anchor && !entries.get(pe.csId)?.anchor) anchors.push({ id: pe.csId, anchor: r.anchor });
        ctx.count(`export-${pe.op}` as "export-add", ref);
      } else {
        refused.push({ id: pe.id, status: "failed", error: `${r.code ?? "export-failed"}: ${r.message ?? ""}` });
        ctx.count("export-failure", ref);
        ctx.error({ code: r.code ?? "export-failed", message: r.message ?? "the system refused the change", csId: pe.csId, anchor: ref.anchor, dn: ref.dn });
      }
    }
    if (refused.length) await store.transaction((tx) => tx.peMark(refused));
  };
  let stop: StopRequested | undefined;
  // While the connector writes batch k, the drill-down rows of batch k-1 are written and page k+1
  // is read, so the connected system is not left idle while the database works. Batches still
  // reach the connector one after the other, in page order, and a stop request is honoured before
  // the next batch goes out, as in every step.
  const pages = preparedBatches(store, ma.id, ctx.runId);
  let next = pages.next();
  next.catch(() => {});
  try {
    for (;;) {
      const item = await next;
      if (item.done) break;
      const prepared = item.value;
      // What is sent is recorded first: a crash from here on leaves changes that may be in the system.
      await store.transaction((tx) => tx.peSent(prepared.batch.map((b) => b.id), ctx.runId));
      const writing = session.write(prepared.batch).then((results) => retryInterruptedAdds(session, prepared.batch, results, prepared.byId, ctx.runId));
      writing.catch(() => {});
      next = pages.next();
      next.catch(() => {});
      try {
        await ctx.writeBuffered();
      } catch (e) {
        // The batch on the wire settles before the session is aborted.
        await writing.catch(() => {});
        throw e;
      }
      await record(prepared, await writing);
      await ctx.checkpoint();
    }
    await ctx.writeBuffered();
    await session.commit();
  } catch (e) {
    if (!(e instanceof StopRequested)) {
      await session.abort().catch(() => {});
      throw e;
    }
    // Stopped between batches: what was written is committed and recorded like a finished export's;
    // the changes not reached stay pending for the next export.
    stop = e;
    await session.commit();
  }
  // Recorded after the system committed: a crash before this point re-sends (see retryInterruptedAdds).
  await store.transaction((tx) => tx.peMarkExportedForRun(ma.id, ctx.runId));
  if (anchors.length) await store.csUpdate(anchors.map((a) => ({ id: a.id, anchor: a.anchor })));
  await ctx.flush(true);
  if (stop) throw stop;
  return undefined;
}
