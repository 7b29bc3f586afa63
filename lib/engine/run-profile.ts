// Executes the steps of a run profile for one MA and decides each step's status. The caller (a
// service or worker) owns the Run row: it creates it, guarantees one run per MA at a time, and
// records the final status this function returns.
import { ConnectivityError } from "./connector.ts";
import type { ConnectorFactory, MaDefinition, SyncStore } from "./ports.ts";
import { ErrorLimitReached, StepContext, StopRequested, type ProgressListener } from "./step-context.ts";
import { EmptySourceGuard, runDeltaImport, runFullImport } from "./import-step.ts";
import { runSync } from "./sync-step.ts";
import { DeletionThresholdExceeded, runExport } from "./export-step.ts";
import type { RunStatus, StepStats, StepType } from "./types.ts";

export interface RunProfileStep {
  type: StepType;
}

export interface RunRequest {
  runId: string;
  ma: MaDefinition;
  steps: RunProfileStep[];
  onProgress?: ProgressListener;
  approveDeletes?: boolean;
  /**
   * Whether the run was asked to stop (a flag the caller keeps, e.g. in the database so that every
   * process sees it). Asked before each step and, throttled, between the batches of a step.
   */
  shouldStop?: () => Promise<boolean>;
}

export interface StepOutcome {
  stepId: string;
  type: StepType;
  status: RunStatus;
  stats: StepStats;
  message?: string;
}

export interface RunOutcome {
  status: RunStatus;
  steps: StepOutcome[];
  message?: string;
}

const SEVERITY: RunStatus[] = [
  "success",
  "completed-warnings",
  "completed-sync-errors",
  "completed-export-errors",
  "stopped-user",
  "stopped-error-limit",
  "stopped-empty-source",
  "stopped-deletion-threshold",
  "stopped-connectivity",
  "stopped-server",
];

export function worstStatus(statuses: RunStatus[]): RunStatus {
  return statuses.reduce<RunStatus>((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), "success");
}

export function isStopped(status: RunStatus): boolean {
  return status.startsWith("stopped-");
}

function completedStatus(type: StepType, ctx: StepContext): RunStatus {
  if (!ctx.errorCount) return "success";
  if (type === "export") return "completed-export-errors";
  if (type.includes("sync")) return "completed-sync-errors";
  return "completed-warnings";
}

async function executeStep(store: SyncStore, connectors: ConnectorFactory, req: RunRequest, type: StepType, ctx: StepContext): Promise<string | undefined> {
  const needsConnector = type !== "full-sync" && type !== "delta-sync";
  const connector = needsConnector ? connectors.open(req.ma) : null;
  try {
    switch (type) {
      case "full-import":
        await runFullImport(store, req.ma, connector!, ctx);
        return;
      case "delta-import":
        await runDeltaImport(store, req.ma, connector!, ctx);
        return;
      case "full-sync":
        await runSync(store, req.ma, ctx, { mode: "full" });
        return;
      case "delta-sync":
        await runSync(store, req.ma, ctx, { mode: "delta" });
        return;
      case "full-import-delta-sync":
        await runFullImport(store, req.ma, connector!, ctx);
        await runSync(store, req.ma, ctx, { mode: "delta" });
        return;
      case "delta-import-delta-sync":
        await runDeltaImport(store, req.ma, connector!, ctx);
        await runSync(store, req.ma, ctx, { mode: "delta" });
        return;
      case "export":
        return await runExport(store, req.ma, connector!, ctx, { approveDeletes: req.approveDeletes });
    }
  } finally {
    await connector?.close().catch(() => {});
  }
}

function skipped(n: number): string {
  return n === 1 ? "the remaining step was skipped" : `the remaining ${n} steps were skipped`;
}

/** Runs every step in order; a stopped step (or a stop request) ends the run. */
export async function runProfile(store: SyncStore, connectors: ConnectorFactory, req: RunRequest): Promise<RunOutcome> {
  const outcomes: StepOutcome[] = [];
  for (const [seq, { type }] of req.steps.entries()) {
    // A stop asked for while the previous step wrote its last batch (or while the run was queued).
    if (await req.shouldStop?.()) {
      const message = `stopped on request before step ${seq + 1} (${type}); ${skipped(req.steps.length - seq)}`;
      return { status: "stopped-user", steps: outcomes, message };
    }
    // Each step sees the MA as stored now (a previous step may have moved its watermark).
    const ma = (await store.getMa(req.ma.id)) ?? req.ma;
    const stepReq = { ...req, ma };
    const step = await store.startStep(req.runId, seq, type);
    const ctx = new StepContext(store, step.id, type, req.runId, { errorLimit: ma.safety.errorLimit, onProgress: req.onProgress, shouldStop: req.shouldStop });
    let status: RunStatus;
    let message: string | undefined;
    try {
      message = await executeStep(store, connectors, stepReq, type, ctx);
      status = completedStatus(type, ctx);
    } catch (e) {
      if (e instanceof ConnectivityError) {
        status = "stopped-connectivity";
        message = `${e.code}: ${e.message}`;
      } else if (e instanceof ErrorLimitReached) {
        status = "stopped-error-limit";
        message = e.message;
      } else if (e instanceof EmptySourceGuard) {
        status = "stopped-empty-source";
        message = e.message;
      } else if (e instanceof DeletionThresholdExceeded) {
        status = "stopped-deletion-threshold";
        message = e.message;
      } else if (e instanceof StopRequested) {
        status = "stopped-user";
        message = seq + 1 < req.steps.length ? `${e.message}; ${skipped(req.steps.length - seq - 1)}` : e.message;
      } else {
        status = "stopped-server";
        message = `internal error: ${(e as Error).message}`;
      }
      await ctx.flush(true).catch(() => {});
    }
    await store.finishStep(step.id, status, ctx.stats, message);
    outcomes.push({ stepId: step.id, type, status, stats: ctx.stats, message });
    if (isStopped(status)) break;
  }
  const status = worstStatus(outcomes.map((o) => o.status));
  return { status, steps: outcomes, message: outcomes.find((o) => o.status === status && o.message)?.message };
}
