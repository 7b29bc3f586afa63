// Use cases for runs: start a run profile of an MA (console, CLI, API, schedule) and execute
// queued runs. One run per MA at a time; the Run row records who started it and how it ended.
// On SQLite runs execute in this process; on PostgreSQL the console and API queue them through
// pg-boss so that workers on several hosts share them (run-queue.ts), while the CLI runs inline.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { AppError } from "../errors/app-error.ts";
import { runProfile, type RunOutcome } from "../engine/run-profile.ts";
import type { ProgressListener } from "../engine/step-context.ts";
import type { StepType } from "../engine/types.ts";
import { registryConnectorFactory } from "../connectors/registry.ts";
import { getDb, targetOf, type Db } from "../store/db.ts";
import { SqlSyncStore } from "../store/sync-store.ts";
import { createRun, finishRun, findRunProfile, heartbeat, markRunStarted, runStatus, stopRequestOf } from "../store/run-records.ts";
import { recordAudit } from "./audit.ts";
import { sendRunToQueue } from "./run-queue.ts";

export const STEP_TYPES: StepType[] = ["full-import", "delta-import", "full-sync", "delta-sync", "export", "full-import-delta-sync", "delta-import-delta-sync"];

export interface StartRunInput {
  ma: string;
  profile: string;
  trigger: "user" | "schedule" | "cli" | "api";
  onProgress?: ProgressListener;
  approveDeletes?: boolean;
  /** run here and now even when a queue is configured (the CLI is its own worker). */
  inline?: boolean;
}

export interface StartedRun {
  runId: string;
  /** settles when the run ends (never rejects: failures end as a stopped status); null when queued for a worker. */
  done: Promise<RunOutcome> | null;
}

/** Starts (or queues) a run and returns at once. */
export async function startRun(actor: SessionUser, input: StartRunInput, db: Db = getDb()): Promise<StartedRun> {
  assertRole(actor, "admin");
  const store = SqlSyncStore.create(db);
  const ma = await store.getMa(input.ma);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent named "${input.ma}"`);
  const profile = await findRunProfile(db, ma.id, input.profile);
  if (!profile) throw new AppError("NOT_FOUND", `MA "${ma.name}" has no run profile "${input.profile}"`);
  const bad = profile.steps.find((s) => !STEP_TYPES.includes(s.type as StepType));
  if (bad) throw new AppError("CONFIG_INVALID", `run profile "${profile.name}" has an unknown step type "${bad.type}"`);
  const queued = !input.inline && targetOf(db).provider === "postgres" && process.env.IDSYNC_RUN_QUEUE !== "inline";
  const runId = await createRun(db, {
    maId: ma.id,
    maName: ma.name,
    profileName: profile.name,
    trigger: input.trigger,
    startedBy: actor.username,
    status: queued ? "queued" : "in-progress",
  });
  await recordAudit(actor.username, "run.start", `${ma.name}/${profile.name}`, { runId, trigger: input.trigger }, db);
  if (queued) {
    await sendRunToQueue(targetOf(db).url, runId, { approveDeletes: input.approveDeletes });
    return { runId, done: null };
  }
  return { runId, done: executeRun(db, runId, { onProgress: input.onProgress, approveDeletes: input.approveDeletes }) };
}

/** Executes a created run (inline or by a worker) and records its end; never rejects. */
export async function executeRun(db: Db, runId: string, options: { onProgress?: ProgressListener; approveDeletes?: boolean } = {}): Promise<RunOutcome> {
  const run = await runStatus(db, runId);
  if (!run) return { status: "stopped-server", steps: [], message: `run ${runId} not found` };
  if (run.status !== "queued" && run.status !== "in-progress") return { status: run.status as RunOutcome["status"], steps: [], message: "the run already ended" };
  await markRunStarted(db, runId);
  const store = SqlSyncStore.create(db);
  const beat = setInterval(() => void heartbeat(db, runId).catch(() => {}), 5_000);
  try {
    const ma = await store.getMa(run.maId);
    const profile = ma ? await findRunProfile(db, ma.id, run.profileName) : null;
    const outcome =
      !ma || !profile
        ? ({ status: "stopped-server", steps: [], message: "the MA or its run profile was deleted" } satisfies RunOutcome)
        : await runProfile(store, registryConnectorFactory, {
            runId,
            ma,
            steps: profile.steps as { type: StepType }[],
            onProgress: options.onProgress,
            approveDeletes: options.approveDeletes,
            // The request is a column of the Run row, so a stop asked for in any process reaches the one running it.
            shouldStop: async () => (await stopRequestOf(db, runId)) !== null,
          }).catch((e: unknown): RunOutcome => ({ status: "stopped-server", steps: [], message: `internal error: ${(e as Error).message}` }));
    if (outcome.status === "stopped-user") {
      const request = await stopRequestOf(db, runId);
      if (request) outcome.message = `stopped by ${request.by}: ${outcome.message ?? "on request"}`;
    }
    await finishRun(db, runId, outcome.status, outcome.message);
    return outcome;
  } finally {
    clearInterval(beat);
  }
}
