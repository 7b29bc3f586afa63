// Deleting a management agent (admin): what it takes away, shown first, then the deletion itself,
// confirmed by the MA's name. The connector space is removed by the engine the way a
// synchronization disconnects objects (values recalled from the other MAs, mventries left without
// a connector deleted, what that changes in other MAs staged as pending exports), then the run
// history (in small batches), then the MA with its run profiles. The deletion holds the MA as a
// run does, so no run starts meanwhile; one refused while a run goes. Audited (ma.delete).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { MaDeletionImpact, MaDeletionResult } from "../dto/management-agent.ts";
import { AppError } from "../errors/app-error.ts";
import { removeConnectorSpace } from "../engine/remove-connector-space.ts";
import { StepContext } from "../engine/step-context.ts";
import { getDb, type Db } from "../store/db.ts";
import { createRemovalStep, deleteMaRecords, selectMaDeletionImpact, selectRemovalErrors } from "../store/ma-delete-queries.ts";
import { selectMaRef } from "../store/ma-detail-queries.ts";
import { createRun, finishRun, heartbeat } from "../store/run-records.ts";
import { purgeRunsOfMa } from "../store/run-purge.ts";
import { SqlSyncStore } from "../store/sync-store.ts";
import { recordAudit } from "./audit.ts";

async function maOrThrow(maId: string, db: Db) {
  const ma = await selectMaRef(maId, db);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  return ma;
}

/** What deleting the MA would take away (for the confirmation). */
export async function getMaDeletionImpact(actor: SessionUser, maId: string, db: Db = getDb()): Promise<MaDeletionImpact> {
  assertRole(actor, "admin");
  const ma = await maOrThrow(maId, db);
  return { maId: ma.id, maName: ma.name, ...(await selectMaDeletionImpact(ma.id, db)) };
}

/** Deletes the MA once `confirmName` is its name; RUN_IN_PROGRESS while one of its runs goes. */
export async function deleteManagementAgent(actor: SessionUser, input: { maId: string; confirmName: string }, db: Db = getDb()): Promise<MaDeletionResult> {
  assertRole(actor, "admin");
  const ma = await maOrThrow(input.maId, db);
  if (input.confirmName.trim() !== ma.name) {
    const message = `type the name of the management agent, ${ma.name}, to confirm its deletion`;
    throw new AppError("INVALID_INPUT", message, { details: { fieldErrors: { confirmName: [message] } } });
  }
  const impact = await selectMaDeletionImpact(ma.id, db);
  if (impact.activeRun) {
    throw new AppError("RUN_IN_PROGRESS", `"${ma.name}" cannot be deleted while it runs (${impact.activeRun.profileName}): stop the run or wait for it to end`);
  }
  // A run row holds the MA for the deletion: createRun refuses a run started since, and no run starts after it.
  const runId = await createRun(db, { maId: ma.id, maName: ma.name, profileName: "(deletion of the MA)", trigger: "user", startedBy: actor.username });
  const beat = setInterval(() => void heartbeat(db, runId).catch(() => {}), 5_000);
  let stats: StepContext["stats"];
  let errors: Awaited<ReturnType<typeof selectRemovalErrors>> = [];
  try {
    const store = SqlSyncStore.create(db);
    const definition = await store.getMa(ma.id);
    if (!definition) throw new AppError("NOT_FOUND", `no management agent with id ${ma.id}`);
    // No drill-down rows: they would go with the MA, in one cascade that could hold the database.
    const ctx = new StepContext(store, await createRemovalStep(db, runId), "remove-connector-space", runId, { maxRefsPerCounter: 0 });
    await removeConnectorSpace(store, definition, ctx);
    stats = ctx.stats;
    if (ctx.errorCount) errors = await selectRemovalErrors(db, ctx.stepId, 20);
    await purgeRunsOfMa(db, ma.id);
    await deleteMaRecords(db, ma.id);
  } catch (e) {
    // What was removed stays removed (a page per transaction); deleting again goes on from there.
    await finishRun(db, runId, "stopped-server", `the deletion of the MA failed: ${(e as Error).message}`).catch(() => {});
    throw e;
  } finally {
    clearInterval(beat);
  }
  const deleted = stats["deleted-mventries"] ?? 0;
  const result: MaDeletionResult = {
    maName: ma.name,
    csObjects: impact.csObjects,
    runs: impact.runs,
    mventriesDeleted: deleted,
    mventriesKept: (stats.disconnectors ?? 0) - deleted,
    exportsStaged: (stats["export-attribute-flow-updates"] ?? 0) + (stats["provisioning-adds"] ?? 0) + (stats["provisioning-renames"] ?? 0) + (stats["provisioning-disconnects"] ?? 0),
    errors: stats.errors ?? 0,
  };
  await recordAudit(actor.username, "ma.delete", ma.name, { maId: ma.id, ...result, pendingExports: impact.pendingExports, runProfiles: impact.runProfiles, ...(errors.length ? { firstErrors: errors } : {}) }, db);
  return result;
}
