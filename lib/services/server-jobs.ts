// Background jobs of the console's server process: release runs whose worker died, purge run history
// past its retention (at start, then daily), start the scheduler, and on PostgreSQL take queued runs
// (unless IDSYNC_WORKER=off, for console-only hosts).
import { getDb, targetOf } from "../store/db.ts";
import { releaseDeadRuns } from "../store/run-records.ts";
import { DEAD_AFTER_MS, startRunWorker } from "./run-queue.ts";
import { executeRun } from "./run-service.ts";
import { startRunRetention } from "./run-retention.ts";
import { startScheduler } from "./scheduler.ts";

let started = false;

export async function startServerJobs(): Promise<void> {
  if (started || process.env.IDSYNC_SERVER_JOBS === "off") return;
  started = true;
  const db = getDb();
  const released = await releaseDeadRuns(db, DEAD_AFTER_MS);
  if (released) console.error(`idsync: ${released} interrupted run(s) marked stopped-server`);
  setInterval(() => void releaseDeadRuns(db, DEAD_AFTER_MS).catch(() => {}), DEAD_AFTER_MS / 2).unref();
  startRunRetention(db);
  await startScheduler(db);
  const target = targetOf(db);
  if (target.provider === "postgres" && process.env.IDSYNC_WORKER !== "off") {
    await startRunWorker(db, target.url, (runId, approveDeletes) => executeRun(db, runId, { approveDeletes }));
  }
}
