// Deletes of old run history and attribute history, in small batches: each statement or
// transaction touches at most a few thousand rows, so a purge never holds the database for long
// (SQLite has one writer; the engine's batches wait for it). Used by lib/services/run-retention.ts
// and by the deletion of an MA (its run history).
import type { Db } from "./db.ts";

export interface PurgeCounts {
  runs: number;
  steps: number;
  stepObjects: number;
  errors: number;
  history: number;
}

export interface PurgeOptions {
  /** runs per transaction (their steps go with them). */
  runsPerBatch?: number;
  /** drill-down rows, errors and history rows per delete. */
  rowsPerDelete?: number;
}

const ACTIVE = ["queued", "in-progress"];

/** Deletes rows of a table chosen by `pick` (ids), `rows` at a time, until none are left. */
async function deleteInChunks(pick: (take: number) => Promise<number[]>, remove: (ids: number[]) => Promise<number>, rows: number): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await pick(rows);
    if (ids.length === 0) return total;
    total += await remove(ids);
    if (ids.length < rows) return total;
  }
}

type RunWhere = NonNullable<NonNullable<Parameters<Db["run"]["findMany"]>[0]>["where"]>;

/**
 * Purges runs that ended before `cutoff` with their steps, drill-down objects and errors (runs
 * still queued or in progress are kept whatever their age), then attribute history older than it.
 */
export async function purgeRunsBefore(db: Db, cutoff: Date, options: PurgeOptions = {}): Promise<PurgeCounts> {
  const counts = await purgeRuns(db, { OR: [{ endedAt: { lt: cutoff } }, { endedAt: null, queuedAt: { lt: cutoff } }] }, options);
  counts.history = await deleteInChunks(
    // oldest first by id: old rows sit at the start of the table, so each chunk is found at once
    async (take) => (await db.mvHistory.findMany({ where: { at: { lt: cutoff } }, select: { id: true }, orderBy: { id: "asc" }, take })).map((h) => h.id),
    async (ids) => (await db.mvHistory.deleteMany({ where: { id: { in: ids } } })).count,
    options.rowsPerDelete ?? 5000,
  );
  return counts;
}

/** Purges the run history of one MA (an MA being deleted), its runs still queued or in progress excepted. */
export async function purgeRunsOfMa(db: Db, maId: string, options: PurgeOptions = {}): Promise<PurgeCounts> {
  return purgeRuns(db, { maId }, options);
}

/** Purges the ended runs `where` selects with their steps, drill-down objects and errors, a batch of runs at a time. */
async function purgeRuns(db: Db, where: RunWhere, options: PurgeOptions): Promise<PurgeCounts> {
  const runsPerBatch = options.runsPerBatch ?? 500;
  const rows = options.rowsPerDelete ?? 5000;
  const counts: PurgeCounts = { runs: 0, steps: 0, stepObjects: 0, errors: 0, history: 0 };
  const ended = { AND: [where, { status: { notIn: ACTIVE } }] };
  for (;;) {
    const runs = (await db.run.findMany({ where: ended, select: { id: true }, orderBy: { queuedAt: "asc" }, take: runsPerBatch })).map((r) => r.id);
    if (runs.length === 0) break;
    const steps = (await db.runStep.findMany({ where: { runId: { in: runs } }, select: { id: true } })).map((s) => s.id);
    // The bulky children first, a chunk per statement; a purge stopped half-way resumes here.
    counts.stepObjects += await deleteInChunks(
      async (take) => (await db.runStepObject.findMany({ where: { stepId: { in: steps } }, select: { id: true }, take })).map((o) => o.id),
      async (ids) => (await db.runStepObject.deleteMany({ where: { id: { in: ids } } })).count,
      rows,
    );
    counts.errors += await deleteInChunks(
      async (take) => (await db.runError.findMany({ where: { stepId: { in: steps } }, select: { id: true }, take })).map((o) => o.id),
      async (ids) => (await db.runError.deleteMany({ where: { id: { in: ids } } })).count,
      rows,
    );
    const [s, r] = await db.$transaction([db.runStep.deleteMany({ where: { runId: { in: runs } } }), db.run.deleteMany({ where: { id: { in: runs } } })]);
    counts.steps += s.count;
    counts.runs += r.count;
    if (runs.length < runsPerBatch) break;
  }
  return counts;
}
