// GET /api/runs/:runId/steps/:stepId?counter=&view=objects|errors&page= : one page of a counter's
// objects or of the step's errors (helpdesk and admin).
import { guardedRoute, parseInput } from "../../../../../../lib/auth/guarded.ts";
import { stepDrillDownQuerySchema } from "../../../../../../lib/schemas/runs.ts";
import { getStepDrillDown } from "../../../../../../lib/services/run-drilldown.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute<{ params: Promise<{ runId: string; stepId: string }> }>("helpdesk", async (req, user, ctx) => {
  const { runId, stepId } = await ctx.params;
  const query = parseInput(stepDrillDownQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
  return { drillDown: await getStepDrillDown(user, runId, stepId, query) };
});
