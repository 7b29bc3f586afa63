// `npm run worker`: a run worker for PostgreSQL deployments. Start as many as you like on any
// hosts sharing DATABASE_URL; each takes queued runs one at a time (pg-boss).
import { isAppError } from "../lib/errors/app-error.ts";
import { migrate } from "../lib/store/migrate.ts";
import { resolveDatabaseUrl } from "../lib/store/database-url.ts";
import { getDb } from "../lib/store/db.ts";
import { executeRun } from "../lib/services/run-service.ts";
import { startRunWorker, stopRunQueues } from "../lib/services/run-queue.ts";

async function main() {
  const target = resolveDatabaseUrl();
  if (target.provider !== "postgres") {
    console.error("idsync worker: DATABASE_URL is SQLite; runs execute inside the console process there (no worker needed)");
    process.exit(1);
  }
  await migrate(target);
  const db = getDb();
  const worker = await startRunWorker(db, target.url, (runId, approveDeletes) =>
    executeRun(db, runId, {
      approveDeletes,
      onProgress: (p) => process.stderr.write(`run ${runId} ${p.stepType}: ${p.done}${p.total ? `/${p.total}` : ""}\n`),
    }),
  );
  console.error("idsync worker: waiting for runs");
  const stop = async () => {
    await worker.stop();
    await stopRunQueues();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`idsync worker: ${isAppError(e) ? e.message : (e as Error).message}`);
  process.exit(1);
});
