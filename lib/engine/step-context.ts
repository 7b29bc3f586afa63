// What a running step accumulates: counters (named as in MIM), the objects behind each counter,
// per-object errors, and progress. Buffers flush to the store in batches, never per object.
import type { SyncStore } from "./ports.ts";
import type { Counter, ObjectError, StepObjectRef, StepStats } from "./types.ts";

export interface ProgressEvent {
  stepId: string;
  stepType: string;
  done: number;
  total?: number;
  stats: StepStats;
}

export type ProgressListener = (e: ProgressEvent) => void;

/** Raised when a step passes its error limit; the runner maps it to `stopped-error-limit`. */
export class ErrorLimitReached extends Error {
  constructor(limit: number) {
    super(`stopped after ${limit} object errors (the MA's error limit)`);
    this.name = "ErrorLimitReached";
  }
}

/**
 * Raised between batches once the run was asked to stop; the runner maps it to `stopped-user`.
 * Every batch is one transaction, so what the finished batches wrote stays and nothing of the next one is written.
 */
export class StopRequested extends Error {
  constructor() {
    super("stopped on request between batches: the batches written so far stay, nothing of the next one was written");
    this.name = "StopRequested";
  }
}

export interface StepOptions {
  errorLimit?: number;
  onProgress?: ProgressListener;
  maxRefsPerCounter?: number;
  /** asked between batches, at most every PROGRESS_EVERY_MS: true when the run was asked to stop. */
  shouldStop?: () => Promise<boolean>;
}

/** Progress is written, and a stop request looked for, at most this often. */
const PROGRESS_EVERY_MS = 500;

export class StepContext {
  readonly stats: StepStats = {};
  private refs: StepObjectRef[] = [];
  private errors: ObjectError[] = [];
  errorCount = 0;
  done = 0;
  total?: number;
  private lastProgressAt = 0;

  constructor(
    readonly store: SyncStore,
    readonly stepId: string,
    readonly stepType: string,
    readonly runId: string,
    private readonly options: StepOptions = {},
  ) {}

  private refsPerCounter = new Map<string, number>();

  count(counter: Counter, ref?: Omit<StepObjectRef, "counter">): void {
    this.stats[counter] = (this.stats[counter] ?? 0) + 1;
    if (!ref) return;
    // Drill-down rows are capped per counter so a million-object run does not write a million rows twice.
    const n = this.refsPerCounter.get(counter) ?? 0;
    if (n >= (this.options.maxRefsPerCounter ?? 100_000)) return;
    this.refsPerCounter.set(counter, n + 1);
    this.refs.push({ counter, ...ref });
  }

  error(e: ObjectError): void {
    this.errorCount++;
    this.stats.errors = (this.stats.errors ?? 0) + 1;
    this.errors.push(e);
    const limit = this.options.errorLimit;
    if (limit && this.errorCount >= limit) throw new ErrorLimitReached(limit);
  }

  /**
   * Writes buffered drill-down rows and errors, and reports progress (throttled). Steps call it
   * unforced between batches only, which makes it the place where a stop request is honoured:
   * it throws StopRequested when the run was asked to stop.
   */
  async flush(force = false): Promise<void> {
    await this.writeBuffered();
    await this.checkpoint(force);
  }

  /** Writes the buffered drill-down rows and errors (no progress, no stop check). */
  async writeBuffered(): Promise<void> {
    // A step over the database alone never waits on I/O with better-sqlite3: give the event loop a
    // turn per batch so the server that runs it keeps answering (live progress, other pages).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const refs = this.refs.splice(0);
    const errors = this.errors.splice(0);
    if (refs.length) await this.store.stepObjects(this.stepId, refs);
    if (errors.length) await this.store.stepErrors(this.stepId, errors);
  }

  /**
   * Reports progress (throttled) and asks whether the run was asked to stop (throws StopRequested).
   * flush() is writeBuffered() then checkpoint(); a step that overlaps its writes with the connected
   * system's work calls the two apart.
   */
  async checkpoint(force = false): Promise<void> {
    const now = Date.now();
    if (force || now - this.lastProgressAt > PROGRESS_EVERY_MS) {
      this.lastProgressAt = now;
      await this.store.stepProgress(this.stepId, { done: this.done, total: this.total, stats: this.stats });
      this.options.onProgress?.({ stepId: this.stepId, stepType: this.stepType, done: this.done, total: this.total, stats: { ...this.stats } });
      if (!force && (await this.options.shouldStop?.())) throw new StopRequested();
    }
  }
}
