// Full and delta synchronization of one MA's connector space. Pages of csentries are synchronized
// one transaction each; csentries and mventries whose references pointed at objects not yet
// connected are synchronized again once at the end of the step.
import type { SyncStore, MaDefinition } from "./ports.ts";
import type { StepContext } from "./step-context.ts";
import { ErrorLimitReached, StopRequested } from "./step-context.ts";
import type { CsEntry, DeltaOp } from "./types.ts";
import { SyncEnvironment } from "./sync-environment.ts";
import { SyncWork } from "./sync-work.ts";
import { Inbound } from "./inbound.ts";
import { Outbound } from "./outbound.ts";
import { RuleError } from "./flow-eval.ts";

/** csentries per synchronization batch (one transaction each); 1,000 measured faster than 500 or 2,000. */
export const SYNC_PAGE = 1000;
const PAGE = SYNC_PAGE;

export interface SyncOptions {
  /** delta: only csentries with a pending import; full: every csentry (re-applies all rules). */
  mode: "full" | "delta";
}

export class SyncStep {
  private readonly retryCs = new Set<string>();
  private readonly retryMv = new Set<string>();

  constructor(
    private readonly store: SyncStore,
    private readonly env: SyncEnvironment,
  ) {}

  static async create(store: SyncStore, ma: MaDefinition, ctx: StepContext): Promise<SyncStep> {
    const [mas, model] = await Promise.all([store.listMas(), store.loadModel()]);
    return new SyncStep(store, new SyncEnvironment(ma, mas, model, ctx, ctx.runId));
  }

  async run(options: SyncOptions): Promise<void> {
    const { ctx, source } = this.env;
    ctx.total = options.mode === "full" ? await this.store.csCount(source.id) : undefined;
    // Delta: one indexed pass per kind of staged change, so the cost follows the changes, not the space.
    const passes: (DeltaOp | undefined)[] = options.mode === "delta" ? ["add", "update", "rename", "delete"] : [undefined];
    let stop: StopRequested | undefined;
    try {
      for (const pendingImportOp of passes) {
        let afterId: string | undefined;
        for (;;) {
          const page = await this.store.csPage(source.id, { afterId, limit: PAGE, pendingImportOp });
          if (page.length === 0) break;
          afterId = page[page.length - 1].id;
          await this.syncPage(page);
          await ctx.flush();
        }
      }
    } catch (e) {
      if (!(e instanceof StopRequested)) throw e;
      // Stopped between pages: the references of the pages already synchronized are still resolved
      // below, so they end as an uninterrupted run leaves them; the pages not reached keep their staged changes.
      stop = e;
    }
    if (this.retryCs.size || this.retryMv.size) {
      const ids = [...this.retryCs];
      const mvIds = [...this.retryMv];
      this.retryCs.clear();
      this.retryMv.clear();
      for (let i = 0; i < ids.length; i += PAGE) await this.syncPage(await this.store.csByIds(ids.slice(i, i + PAGE)), true);
      for (let i = 0; i < mvIds.length; i += PAGE) await this.outboundOnly(mvIds.slice(i, i + PAGE));
    }
    await ctx.flush(true);
    if (stop) throw stop;
  }

  private async syncPage(page: CsEntry[], retry = false): Promise<void> {
    const { ctx } = this.env;
    await this.store.transaction(async (tx) => {
      const work = new SyncWork(this.env.joinKeys);
      const inbound = new Inbound(this.env, tx, work);
      await inbound.prefetch(page);
      for (const cs of page) {
        if (!retry) ctx.done++;
        try {
          await inbound.syncEntry(cs);
        } catch (e) {
          if (e instanceof ErrorLimitReached || !(e instanceof RuleError)) throw e;
          ctx.error({ code: e.code, message: e.message, location: e.rule, csId: cs.id, anchor: cs.anchor ?? undefined, dn: cs.dn });
        }
      }
      const outbound = new Outbound(this.env, tx, work);
      await outbound.run();
      await work.flush(tx);
      if (!retry) {
        for (const id of inbound.unresolved) this.retryCs.add(id);
        for (const id of outbound.unresolved) this.retryMv.add(id);
      }
    });
  }

  private async outboundOnly(mvIds: string[]): Promise<void> {
    await this.store.transaction(async (tx) => {
      const work = new SyncWork();
      for (const id of mvIds) work.outbound.add(id);
      await new Outbound(this.env, tx, work).run();
      await work.flush(tx);
    });
  }
}

export async function runSync(store: SyncStore, ma: MaDefinition, ctx: StepContext, options: SyncOptions): Promise<void> {
  const step = await SyncStep.create(store, ma, ctx);
  await step.run(options);
}
