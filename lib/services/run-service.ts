// Use case: start a run profile of an MA (console, CLI, API, schedule). The run executes in this
// process; one run per MA at a time; the Run row records who started it and how it ended.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { AppError } from "../errors/app-error.ts";
import { runProfile, type RunOutcome } from "../engine/run-profile.ts";
import type { ProgressListener } from "../engine/step-context.ts";
import type { StepType } from "../engine/types.ts";
import { registryConnectorFactory } from "../connectors/registry.ts";
import { getDb, type Db } from "../store/db.ts";
import { SqlSyncStore } from "../store/sync-store.ts";
import { createRun, finishRun, findRunProfile, heartbeat } from "../store/run-records.ts";
import { recordAudit } from "./audit.ts";

export const STEP_TYPES: StepType[] = ["full-import", "delta-import", "full-sync", "delta-sync", "export", "full-import-delta-sync", "delta-import-delta-sync"];

export interface StartRunInput {
  ma: string;
  profile: string;
  trigger: "user" | "schedule" | "cli" | "api";
  onProgress?: ProgressListener;
  approveDeletes?: boolean;
}

export interface StartedRun {
  runId: string;
  /** settles when the run ends (never rejects: failures end as a stopped status). */
  done: Promise<RunOutcome>;
}

/** Starts a run and returns at once; `done` settles when it ends. */
export async function startRun(actor: SessionUser, input: StartRunInput, db: Db = getDb()): Promise<StartedRun> {
  assertRole(actor, "admin");
  const store = SqlSyncStore.create(db);
  const ma = await store.getMa(input.ma);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent named "${input.ma}"`);
  const profile = await findRunProfile(db, ma.id, input.profile);
  if (!profile) throw new AppError("NOT_FOUND", `MA "${ma.name}" has no run profile "${input.profile}"`);
  const bad = profile.steps.find((s) => !STEP_TYPES.includes(s.type as StepType));
  if (bad) throw new AppError("CONFIG_INVALID", `run profile "${profile.name}" has an unknown step type "${bad.type}"`);
  const runId = await createRun(db, { maId: ma.id, maName: ma.name, profileName: profile.name, trigger: input.trigger, startedBy: actor.username });
  await recordAudit(actor.username, "run.start", `${ma.name}/${profile.name}`, { runId, trigger: input.trigger }, db);
  const beat = setInterval(() => void heartbeat(db, runId).catch(() => {}), 5_000);
  const done = runProfile(store, registryConnectorFactory, {
    runId,
    ma,
    steps: profile.steps as { type: StepType }[],
    onProgress: input.onProgress,
    approveDeletes: input.approveDeletes,
  })
    .catch((e: unknown): RunOutcome => ({ status: "stopped-server", steps: [], message: `internal error: ${(e as Error).message}` }))
    .then(async (outcome) => {
      clearInterval(beat);
      await finishRun(db, runId, outcome.status, outcome.message);
      return outcome;
    });
  return { runId, done };
}
