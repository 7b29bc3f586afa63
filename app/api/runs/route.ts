// GET /api/runs?limit=&maId= : run history (helpdesk and admin).
import { guardedRoute, parseInput } from "../../../lib/auth/guarded.ts";
import { runListQuerySchema } from "../../../lib/schemas/metaverse.ts";
import { listRunHistory } from "../../../lib/services/run-history.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("helpdesk", async (req, user) => {
  const url = new URL(req.url);
  const query = parseInput(runListQuerySchema, Object.fromEntries(url.searchParams));
  return { runs: await listRunHistory(user, query) };
});
