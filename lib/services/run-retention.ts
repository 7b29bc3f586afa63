// Run-history retention: runs that ended more than N days ago (default 30; IDSYNC_RUN_RETENTION_DAYS)
// are purged with their steps, drill-down objects and errors, and attribute history (MvHistory)
// older than the same window. The server purges once at start and then daily, in small batches
// (lib/store/run-purge.ts) so the database is never locked for long.
import { AppError } from "../errors/app-error.ts";
import type { Db } from "../store/db.ts";
import { purgeRunsBefore, type PurgeCounts, type PurgeOptions } from "../store/run-purge.ts";

export const DEFAULT_RUN_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention window in days from IDSYNC_RUN_RETENTION_DAYS (a positive whole number), else 30. */
export function runRetentionDays(raw: string | undefined = process.env.IDSYNC_RUN_RETENTION_DAYS): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_RUN_RETENTION_DAYS;
  const days = Number(raw.trim());
  if (!Number.isInteger(days) || days < 1) {
    throw new AppError("CONFIG_INVALID", `IDSYNC_RUN_RETENTION_DAYS must be a whole number of days, 1 or more; got "${raw}"`);
  }
  return days;
}

/** Purges run history and attribute history older than `days` days before `now`. */
export async function purgeRunHistory(db: Db, options: PurgeOptions & { days?: number; now?: Date } = {}): Promise<PurgeCounts & { cutoff: Date }> {
  const days = options.days ?? runRetentionDays();
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * DAY_MS);
  return { ...(await purgeRunsBefore(db, cutoff, options)), cutoff };
}

/** Purges once now and then every day; the timer never keeps the process alive. Returns a stop function. */
export function startRunRetention(db: Db, log: (line: string) => void = (l) => console.error(l)): () => void {
  const purge = async () => {
    try {
      const r = await purgeRunHistory(db);
      if (r.runs || r.history) log(`idsync: run retention purged ${r.runs} run(s) and ${r.history} attribute history row(s) older than ${r.cutoff.toISOString()}`);
    } catch (e) {
      log(`idsync: run retention failed: ${(e as Error).message}`);
    }
  };
  void purge();
  const timer = setInterval(() => void purge(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
