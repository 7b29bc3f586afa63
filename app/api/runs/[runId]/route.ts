// GET /api/runs/:runId : one run with its steps, counters and errors.
import { guardedRoute } from "../../../../lib/auth/guarded.ts";
import { getRunDetail } from "../../../../lib/services/run-history.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute<{ params: Promise<{ runId: string }> }>("helpdesk", async (_req, user, ctx) => {
  const { runId } = await ctx.params;
  return { run: await getRunDetail(user, runId) };
});
