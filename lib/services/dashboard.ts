// The Dashboard (landing page) and the Operations charts. Helpdesk may read both: they hold counts and
// run history, which helpdesk already reads in Operations; nothing here is configuration or a secret.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { DashboardView, RunTrends } from "../dto/dashboard.ts";
import { AppError } from "../errors/app-error.ts";
import { selectMaNames, selectMetaverseSizes, selectRunTrend } from "../store/dashboard-queries.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectManagementAgents } from "../store/ma-queries.ts";

export const DASHBOARD_TREND_RUNS = 10;

export async function getDashboard(actor: SessionUser | null, opts: { trendRuns?: number } = {}, db: Db = getDb()): Promise<DashboardView> {
  assertRole(actor, "helpdesk");
  const trendRuns = opts.trendRuns ?? DASHBOARD_TREND_RUNS;
  const [mas, metaverse] = await Promise.all([selectManagementAgents(db), selectMetaverseSizes(db)]);
  // one indexed query per MA (Run.maId+queuedAt): there are tens of MAs, not thousands
  const trends = await Promise.all(mas.map((ma) => selectRunTrend({ maId: ma.id, limit: trendRuns }, db)));
  return {
    managementAgents: mas.map((ma, i) => ({
      id: ma.id, name: ma.name, type: ma.type,
      csObjects: ma.counts.total, connectors: ma.counts.connectors,
      pendingImports: ma.counts.pendingImports, pendingExports: ma.counts.pendingExports,
      lastRun: ma.lastRun,
      errorTrend: trends[i]!.map((r) => ({ runId: r.runId, profileName: r.profileName, status: r.status, endedAt: r.endedAt, errors: r.errors })),
    })),
    metaverse,
    metaverseTotal: metaverse.reduce((sum, t) => sum + t.count, 0),
    trendRuns,
  };
}

export async function getRunTrends(actor: SessionUser | null, opts: { maId?: string; limit?: number } = {}, db: Db = getDb()): Promise<RunTrends> {
  assertRole(actor, "helpdesk");
  const managementAgents = await selectMaNames(db);
  if (opts.maId && !managementAgents.some((m) => m.id === opts.maId)) throw new AppError("NOT_FOUND", `no management agent with id ${opts.maId}`);
  const runs = await selectRunTrend({ maId: opts.maId, limit: opts.limit ?? 50 }, db);
  return { managementAgents, maId: opts.maId ?? null, runs };
}
