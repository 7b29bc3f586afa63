// GET /api/management-agents/:maId/config : the MA's configuration as a YAML file (admin, audited; no secrets).
import { guardedRoute } from "../../../../../lib/auth/guarded.ts";
import { exportMaConfig } from "../../../../../lib/services/config-as-code.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute<{ params: Promise<{ maId: string }> }>("admin", async (_req, user, ctx) => {
  const { maId } = await ctx.params;
  const { maName, yaml } = await exportMaConfig(user, maId);
  const filename = `${maName.replace(/[^A-Za-z0-9._-]+/g, "_")}.idsync.yaml`;
  return new Response(yaml, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
