// GET /api/management-agents/:maId/pending-exports?format=csv|ldif&dn=&op=&status= : the MA's
// pending exports as a streamed CSV file or LDIF change records (admin, audited).
import { guardedRoute, parseInput } from "../../../../../lib/auth/guarded.ts";
import { pendingExportDownloadSchema } from "../../../../../lib/schemas/management-agents.ts";
import { downloadPendingExports } from "../../../../../lib/services/pending-exports.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute<{ params: Promise<{ maId: string }> }>("admin", async (req, user, ctx) => {
  const { maId } = await ctx.params;
  const input = parseInput(pendingExportDownloadSchema, Object.fromEntries(new URL(req.url).searchParams));
  const file = await downloadPendingExports(user, maId, input);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
