// GET /api/v1/metaverse: search mventries (helpdesk role).
// - type=person&attr=mail&value=...&match=equals|prefix: the one-clause search (up to 100 hits), as before.
// - with op=: the console's query builder, same parameters as its URL (type= names the object type):
//   attr/op/value repeated per clause, join=and|or, col= repeated, size=, after= or before= an mventry
//   id from the previous response's nextAfter / previousBefore.
import { apiRoute } from "../../../../lib/auth/api-route.ts";
import { parseInput } from "../../../../lib/auth/guarded.ts";
import { mvSearchInputSchema } from "../../../../lib/schemas/metaverse.ts";
import { mvQueryFromParams, mvQuerySchema } from "../../../../lib/schemas/mv-query.ts";
import { queryMetaverse } from "../../../../lib/services/metaverse-query.ts";
import { searchMetaverse } from "../../../../lib/services/metaverse-search.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<unknown>("helpdesk", async (req, caller) => {
  const q = new URL(req.url).searchParams;
  if (q.has("op")) return queryMetaverse(caller, parseInput(mvQuerySchema, mvQueryFromParams(q, "type")));
  const input = parseInput(mvSearchInputSchema, {
    objectType: q.get("type") ?? "",
    attr: q.get("attr") ?? "",
    value: q.get("value") ?? "",
    match: q.get("match") ?? undefined,
  });
  return searchMetaverse(caller, input);
});
