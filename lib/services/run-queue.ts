// The PostgreSQL run queue (pg-boss 10): the console and API send run ids; workers in any number
// of processes or hosts take them one at a time. A worker that dies stops beating; the next
// worker start (and a periodic sweep) marks its run stopped-server so the MA can run again.
import type PgBoss from "pg-boss";
import type { Db } from "../store/db.ts";
import { releaseDeadRuns } from "../store/run-records.ts";

export const RUN_QUEUE = "idsync-run";
/** A run whose worker has not beaten for this long is considered dead. */
export const DEAD_AFTER_MS = 60_000;

const bosses = new Map<string, Promise<PgBoss>>();

async function bossFor(url: string): Promise<PgBoss> {
  let b = bosses.get(url);
  if (!b) {
    b = (async () => {
      const { default: PgBossClass } = await import("pg-boss");
      const boss = new PgBossClass({ connectionString: url, schema: "idsync_queue" });
      boss.on("error", (e: Error) => console.error(`idsync queue: ${e.message}`));
      await boss.start();
      await boss.createQueue(RUN_QUEUE).catch(() => {});
      return boss;
    })();
    bosses.set(url, b);
  }
  return b;
}

export async function sendRunToQueue(url: string, runId: string, options: { approveDeletes?: boolean } = {}): Promise<void> {
  const boss = await bossFor(url);
  // No automatic retry: a failed run is a run-history entry an admin looks at, not a silent replay.
  await boss.send(RUN_QUEUE, { runId, approveDeletes: !!options.approveDeletes }, { retryLimit: 0 });
}

export interface RunWorker {
  stop(): Promise<void>;
}

/** Starts a worker in this process: takes queued runs and executes them. */
export async function startRunWorker(db: Db, url: string, execute: (runId: string, approveDeletes: boolean) => Promise<unknown>): Promise<RunWorker> {
  const boss = await bossFor(url);
  await releaseDeadRuns(db, DEAD_AFTER_MS);
  const sweep = setInterval(() => void releaseDeadRuns(db, DEAD_AFTER_MS).catch(() => {}), DEAD_AFTER_MS / 2);
  await boss.work<{ runId: string; approveDeletes?: boolean }>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await execute(job.data.runId, !!job.data.approveDeletes);
  });
  return {
    async stop() {
      clearInterval(sweep);
      await boss.offWork(RUN_QUEUE).catch(() => {});
    },
  };
}

/** Stops every queue client of this process (tests, shutdown). */
export async function stopRunQueues(): Promise<void> {
  const all = [...bosses.values()];
  bosses.clear();
  for (const b of all) await (await b).stop({ graceful: false, wait: true }).catch(() => {});
}
