// Run history for Operations (helpdesk may read it).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { RunDetail, RunSummary } from "../dto/run.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectRunDetail, selectRuns } from "../store/run-queries.ts";

export async function listRunHistory(actor: SessionUser, opts: { limit?: number; maId?: string } = {}, db: Db = getDb()): Promise<RunSummary[]> {
  assertRole(actor, "helpdesk");
  return selectRuns({ limit: opts.limit ?? 50, maId: opts.maId }, db);
}

export async function getRunDetail(actor: SessionUser, runId: string, db: Db = getDb()): Promise<RunDetail> {
  assertRole(actor, "helpdesk");
  const run = await selectRunDetail(runId, db);
  if (!run) throw new AppError("NOT_FOUND", `no run with id ${runId}`);
  return run;
}
