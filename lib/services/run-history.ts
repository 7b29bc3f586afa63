// Run history for Operations (helpdesk may read it): filtered pages, the filters' choices, one run.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { Page, RunDetail, RunSummary } from "../dto/run.ts";
import { AppError } from "../errors/app-error.ts";
import type { RunHistoryQuery } from "../schemas/runs.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectRunDetail, selectRunFilterChoices, selectRunPage } from "../store/run-queries.ts";

const DAY_MS = 86_400_000;

/** One page of run history, newest first; `from` and `to` are whole days (UTC) of the time the run was queued. */
export async function listRunHistory(actor: SessionUser, query: Partial<RunHistoryQuery> = {}, db: Db = getDb()): Promise<Page<RunSummary>> {
  assertRole(actor, "helpdesk");
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
  const before = query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) : undefined;
  return selectRunPage(
    { maId: query.ma, profileName: query.profile, status: query.status, queuedFrom: from, queuedBefore: before },
    query.page ?? 1,
    query.pageSize ?? 50,
    db,
  );
}

/** The choices of the run history filters: MAs by id and name, run profile names. */
export async function runHistoryFilterChoices(actor: SessionUser, db: Db = getDb()): Promise<{ mas: { id: string; name: string }[]; profiles: string[] }> {
  assertRole(actor, "helpdesk");
  return selectRunFilterChoices(db);
}

export async function getRunDetail(actor: SessionUser, runId: string, db: Db = getDb()): Promise<RunDetail> {
  assertRole(actor, "helpdesk");
  const run = await selectRunDetail(runId, db);
  if (!run) throw new AppError("NOT_FOUND", `no run with id ${runId}`);
  return run;
}
