// Removing the connector space of an MA that is being deleted. Every csentry is disconnected the way
// a synchronization disconnects one (the values this MA contributed are recalled from the other
// MAs; an mventry left without any connector is deleted), then removed with its pending export.
// What that changes for the other MAs' objects (export flows, provisioning) is staged as their
// pending exports: nothing is written to a connected system here. The MA's own rules take no part
// any more (it contributes and provisions nothing), and its object deletion rule is not applied:
// the objects were not deleted from its system, the MA is going away. A page is one transaction.
import type { MaDefinition, SyncStore } from "./ports.ts";
import type { StepContext } from "./step-context.ts";
import { RuleError } from "./flow-eval.ts";
import { Inbound } from "./inbound.ts";
import { Outbound } from "./outbound.ts";
import { SyncEnvironment } from "./sync-environment.ts";
import { SYNC_PAGE } from "./sync-step.ts";
import { SyncWork } from "./sync-work.ts";

export async function removeConnectorSpace(store: SyncStore, ma: MaDefinition, ctx: StepContext): Promise<void> {
  const [mas, model] = await Promise.all([store.listMas(), store.loadModel()]);
  const env = new SyncEnvironment(ma, mas.filter((m) => m.id !== ma.id), model, ctx, ctx.runId);
  ctx.total = await store.csCount(ma.id);
  for (;;) {
    // Each page is removed, so the next page is always the first one left.
    const page = await store.csPage(ma.id, { limit: SYNC_PAGE });
    if (page.length === 0) break;
    await store.transaction(async (tx) => {
      const work = new SyncWork();
      const inbound = new Inbound(env, tx, work);
      for (const cs of page) {
        ctx.done++;
        const mv = cs.mvId ? await inbound.mv(cs.mvId) : undefined;
        if (mv) {
          try {
            await inbound.disconnect(cs, mv, "normal-disconnector", false);
          } catch (e) {
            // a rule of another MA failing its recall: an error of this csentry, which goes anyway
            if (!(e instanceof RuleError)) throw e;
            ctx.error({ code: e.code, message: e.message, location: e.rule, csId: cs.id, anchor: cs.anchor ?? undefined, dn: cs.dn });
          }
          ctx.count("disconnectors", { csId: cs.id, mvId: mv.id, anchor: cs.anchor ?? undefined, dn: cs.dn });
        }
        work.csDeletes.add(cs.id);
      }
      await new Outbound(env, tx, work).run();
      await work.flush(tx);
    });
    await ctx.flush();
  }
  await ctx.flush(true);
}
