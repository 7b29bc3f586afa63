// Next.js calls register() once when the server starts: background jobs (scheduler, run worker).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerJobs } = await import("./lib/services/server-jobs.ts");
  await startServerJobs().catch((e: unknown) => console.error(`idsync: background jobs did not start: ${(e as Error).message}`));
}
