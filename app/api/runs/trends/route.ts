// GET /api/runs/trends?maId=&limit= : the last ended runs as chart points (helpdesk and admin).
import { guardedRoute, parseInput } from "../../../../lib/auth/guarded.ts";
import { runTrendsQuerySchema } from "../../../../lib/schemas/run-trends.ts";
import { getRunTrends } from "../../../../lib/services/dashboard.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("helpdesk", async (req, user) => {
  const url = new URL(req.url);
  const query = parseInput(runTrendsQuerySchema, Object.fromEntries(url.searchParams));
  return { trends: await getRunTrends(user, query) };
});
