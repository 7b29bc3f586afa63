// POST /api/v1/runs {ma, profile}: start a run profile (admin role); 202 with the run's id.
import { apiRoute, jsonBody } from "../../../../lib/auth/api-route.ts";
import { parseInput } from "../../../../lib/auth/guarded.ts";
import { runStartSchema } from "../../../../lib/schemas/password.ts";
import { startRun } from "../../../../lib/services/run-service.ts";

export const dynamic = "force-dynamic";

export const POST = apiRoute<unknown>("admin", async (req, caller) => {
  const input = parseInput(runStartSchema, await jsonBody(req));
  const { runId } = await startRun(caller, { ma: input.ma, profile: input.profile, trigger: "api" });
  return Response.json({ runId, status: `/api/v1/runs/${runId}` }, { status: 202, headers: { Location: `/api/v1/runs/${runId}` } });
});
