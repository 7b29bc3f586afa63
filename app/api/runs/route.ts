// GET /api/runs?ma=&profile=&status=&from=&to=&page=&pageSize= : one page of run history (helpdesk and admin).
import { guardedRoute, parseInput } from "../../../lib/auth/guarded.ts";
import { runHistoryQuerySchema } from "../../../lib/schemas/runs.ts";
import { listRunHistory } from "../../../lib/services/run-history.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("helpdesk", async (req, user) => {
  const query = parseInput(runHistoryQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
  const page = await listRunHistory(user, query);
  return { runs: page.items, page: page.page, pageSize: page.pageSize, total: page.total };
});
