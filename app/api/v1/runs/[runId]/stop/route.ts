// POST /api/v1/runs/:runId/stop: ask a queued or running run to stop between batches (admin role);
// 202 with the request's author and time (409 when the run already ended).
import { apiRoute } from "../../../../../../lib/auth/api-route.ts";
import { requestRunStop } from "../../../../../../lib/services/run-control.ts";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ params: Promise<{ runId: string }> }>("admin", async (_req, caller, ctx) => {
  const { runId } = await ctx.params;
  const stop = await requestRunStop(caller, runId);
  return Response.json(stop, { status: 202, headers: { Location: `/api/v1/runs/${runId}` } });
});
