// One firing of a schedule: its run profiles started one after another across MAs, each step after
// the previous step's run ended. Every firing is recorded (ScheduleFiring): missed when an MA of the
// sequence was still running (nothing started: never a second run of a busy MA), failed when a step
// could not start or its run stopped (the sequence stops there), success when every step ran.
import type { SessionUser } from "../auth/roles.ts";
import { isAppError } from "../errors/app-error.ts";
import type { Db } from "../store/db.ts";
import { insertFiring, pruneFirings, runEndStatus, selectActiveRun, updateFiring, type ScheduleStepRow } from "../store/schedule-records.ts";
import { startRun } from "./run-service.ts";

export const SCHEDULER_USER: SessionUser = { id: "scheduler", username: "scheduler", displayName: "Scheduler", role: "admin" };

/** Firings kept per schedule: enough for the console's history, bounded for per-second schedules. */
export const FIRINGS_KEPT = 500;

export interface ScheduleDefinition {
  /** Schedule id, or "profile:<runProfileId>" for a run profile's own `schedule`. */
  key: string;
  name: string;
  cron: string;
  steps: ScheduleStepRow[];
  owner: { scheduleId: string } | { runProfileId: string };
}

export interface SequenceContext {
  db: Db;
  log: (line: string) => void;
  /** how often a queued run (PostgreSQL) is polled for its end. */
  pollMs: number;
  /** true once the scheduler stops: a sequence waiting for a queued run gives up waiting. */
  stopping: () => boolean;
}

const ACTIVE = new Set(["queued", "in-progress"]);

/** Records a tick that was skipped: it started nothing (nothing at all when another process fired that tick). */
export async function recordMissed(ctx: SequenceContext, def: ScheduleDefinition, reason: string, slot?: string): Promise<void> {
  if ((await insertFiring(def.owner, { result: "missed", message: reason, ended: true, slot }, ctx.db)) === null) return;
  ctx.log(`idsync scheduler: ${def.name}: missed: ${reason}`);
  await pruneFirings(def.owner, FIRINGS_KEPT, ctx.db);
}

/**
 * Runs one firing of the sequence to its end; never rejects for a run's failure (it is recorded).
 * `slot` names the tick: when several processes run the scheduler (workers on PostgreSQL), the one
 * that claims the tick first fires it and the others do nothing, not even record a miss.
 */
export async function runSequence(ctx: SequenceContext, def: ScheduleDefinition, slot?: string): Promise<void> {
  const { db, log } = ctx;
  const firingId = await insertFiring(def.owner, { result: "running", slot }, db);
  if (firingId === null) return;
  const runIds: string[] = [];
  const notes: string[] = [];
  const end = async (result: "success" | "missed" | "failed", message: string | null) => {
    await updateFiring(firingId, { result, message, runIds, ended: true }, db);
    log(`idsync scheduler: ${def.name}: ${result}${message ? `: ${message}` : ""}`);
    await pruneFirings(def.owner, FIRINGS_KEPT, db);
  };
  // Checked for every MA up front so a sequence does not start at all when a later step would be refused.
  const busy = await selectActiveRun([...new Set(def.steps.map((s) => s.ma))], db);
  if (busy) {
    await end("missed", `MA "${busy.maName}" was still running ${busy.profileName} (started by ${busy.startedBy})`);
    return;
  }
  for (const [i, step] of def.steps.entries()) {
    const label = def.steps.length > 1 ? `step ${i + 1} (${step.ma}/${step.profile})` : `${step.ma}/${step.profile}`;
    let started;
    try {
      started = await startRun(SCHEDULER_USER, { ma: step.ma, profile: step.profile, trigger: "schedule" }, db);
    } catch (e) {
      const message = isAppError(e) ? e.message : (e as Error).message;
      // A run someone started between the check above and here: still never a second run of that MA.
      const missed = isAppError(e) && e.code === "RUN_IN_PROGRESS" && i === 0;
      await end(missed ? "missed" : "failed", `${label} not started: ${message}`);
      return;
    }
    runIds.push(started.runId);
    await updateFiring(firingId, { runIds }, db);
    log(`idsync scheduler: ${def.name}: started ${step.ma}/${step.profile} (run ${started.runId})`);
    const status = started.done ? (await started.done).status : await waitForRunEnd(ctx, started.runId);
    if (status === null) {
      await end("failed", `the scheduler stopped while ${label} was queued or running; the rest of the sequence did not start`);
      return;
    }
    if (status.startsWith("stopped")) {
      await end("failed", `${label} ended ${status}${def.steps.length > i + 1 ? "; the rest of the sequence did not start" : ""}`);
      return;
    }
    // completed-* statuses: the run finished with object-level errors; later steps still run.
    if (status !== "success") notes.push(`${label} ${status}`);
  }
  await end("success", notes.length ? notes.join("; ") : null);
}

/** Polls a queued run (a pg-boss worker executes it) until it ends; null when the scheduler stops first. */
async function waitForRunEnd(ctx: SequenceContext, runId: string): Promise<string | null> {
  for (;;) {
    const status = await runEndStatus(runId, ctx.db);
    if (status === null) return "stopped-server";
    if (!ACTIVE.has(status)) return status;
    if (ctx.stopping()) return null;
    await new Promise((r) => setTimeout(r, ctx.pollMs));
  }
}
