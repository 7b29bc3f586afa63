// GET /api/v1/runs/:runId: a run's status, steps and statistics counters (helpdesk role).
import { apiRoute } from "../../../../../lib/auth/api-route.ts";
import { getRunDetail } from "../../../../../lib/services/run-history.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ params: Promise<{ runId: string }> }>("helpdesk", async (_req, caller, ctx) => {
  const { runId } = await ctx.params;
  return { run: await getRunDetail(caller, runId) };
});
