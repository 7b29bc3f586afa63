// GET /api/v1/metaverse?type=person&attr=mail&value=...&match=equals|prefix: search mventries (helpdesk role).
import { apiRoute } from "../../../../lib/auth/api-route.ts";
import { parseInput } from "../../../../lib/auth/guarded.ts";
import { mvSearchInputSchema } from "../../../../lib/schemas/metaverse.ts";
import { searchMetaverse } from "../../../../lib/services/metaverse-search.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<unknown>("helpdesk", async (req, caller) => {
  const q = new URL(req.url).searchParams;
  const input = parseInput(mvSearchInputSchema, {
    objectType: q.get("type") ?? "",
    attr: q.get("attr") ?? "",
    value: q.get("value") ?? "",
    match: q.get("match") ?? undefined,
  });
  return searchMetaverse(caller, input);
});
