// Console run controls (admin): start a run profile of an MA, approve the deletes of an export the
// deletion threshold stopped, and stop a run. Starts go through startRun, which returns at once (the
// run executes in this process on SQLite, or in a worker through the queue on PostgreSQL); a stop is
// a request recorded on the Run row, which the process running it honours between batches.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { isLiveRunStatus, type RunStopView, type StartedRunView } from "../dto/run.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectLastRun, selectMaRef } from "../store/ma-detail-queries.ts";
import { endQueuedRun, recordStopRequest, runStatus } from "../store/run-records.ts";
import { recordAudit } from "./audit.ts";
import { startRun } from "./run-service.ts";

async function maOrThrow(maId: string, db: Db) {
  const ma = await selectMaRef(maId, db);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  return ma;
}

/** Starts `profile` of the MA for the signed-in admin; RUN_IN_PROGRESS when the MA is already running. */
export async function startRunFromConsole(actor: SessionUser, input: { maId: string; profile: string }, db: Db = getDb()): Promise<StartedRunView> {
  assertRole(actor, "admin");
  const ma = await maOrThrow(input.maId, db);
  const started = await startRun(actor, { ma: ma.name, profile: input.profile, trigger: "user" }, db);
  // executeRun never rejects; the catch only keeps a broken promise from becoming an unhandled rejection.
  started.done?.catch((e: unknown) => console.error(`[idsync] run ${started.runId} failed to record its end:`, e));
  return { runId: started.runId, maName: ma.name, profileName: input.profile };
}

/**
 * Re-runs the profile whose export the deletion threshold stopped, with the deletes approved.
 * Only the MA's last run counts: once anything ran since, the admin looks again first.
 */
export async function approveDeletesAndExport(actor: SessionUser, maId: string, db: Db = getDb()): Promise<StartedRunView> {
  assertRole(actor, "admin");
  const ma = await maOrThrow(maId, db);
  const last = await selectLastRun(ma.id, db);
  if (!last || last.status !== "stopped-deletion-threshold") {
    throw new AppError("CONFLICT", `the last run of "${ma.name}" did not stop at the deletion threshold; there are no deletes to approve`);
  }
  const started = await startRun(actor, { ma: ma.name, profile: last.profileName, trigger: "user", approveDeletes: true }, db);
  started.done?.catch((e: unknown) => console.error(`[idsync] run ${started.runId} failed to record its end:`, e));
  await recordAudit(actor.username, "export.approve-deletes", `${ma.name}/${last.profileName}`, { runId: started.runId, stoppedRunId: last.id }, db);
  return { runId: started.runId, maName: ma.name, profileName: last.profileName };
}

/**
 * Asks a queued or in-progress run to stop. The engine stops between batches (each batch is one
 * transaction) and ends the run as stopped-user, skipping the profile's remaining steps; a run no
 * worker has taken yet ends at once. A second request keeps the first one's author and time.
 */
export async function requestRunStop(actor: SessionUser, runId: string, db: Db = getDb()): Promise<RunStopView> {
  assertRole(actor, "admin");
  const run = await runStatus(db, runId);
  if (!run) throw new AppError("NOT_FOUND", `no run with id ${runId}`);
  const after = await recordStopRequest(db, runId, actor.username);
  if (!after || !isLiveRunStatus(after.status) || !after.stopRequestedAt) {
    throw new AppError("CONFLICT", `the run ${run.ma.name} / ${run.profileName} already ended (${after?.status ?? run.status}); there is nothing to stop`);
  }
  const by = after.stopRequestedBy ?? actor.username;
  const endedAtOnce = after.status === "queued" && (await endQueuedRun(db, runId, "stopped-user", `stopped by ${by} before a worker took it`));
  const status = endedAtOnce ? "stopped-user" : after.status;
  await recordAudit(actor.username, "run.stop", `${run.ma.name}/${run.profileName}`, { runId, status }, db);
  return { runId, status, stopRequestedAt: after.stopRequestedAt.toISOString(), stopRequestedBy: by };
}
