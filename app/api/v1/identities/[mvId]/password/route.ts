// POST /api/v1/identities/:mvId/password {password | generate, onlyMaIds?}: set the password in every
// connected system of the identity that manages passwords; a result per system (helpdesk role).
import { apiRoute, jsonBody } from "../../../../../../lib/auth/api-route.ts";
import { parseInput } from "../../../../../../lib/auth/guarded.ts";
import { passwordResetInputSchema } from "../../../../../../lib/schemas/password.ts";
import { resetPassword } from "../../../../../../lib/services/password-reset.ts";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ params: Promise<{ mvId: string }> }>("helpdesk", async (req, caller, ctx) => {
  const { mvId } = await ctx.params;
  const body = await jsonBody(req);
  const input = parseInput(passwordResetInputSchema, { ...(typeof body === "object" && body ? body : {}), mvId });
  return resetPassword(caller, input, { via: "api" });
});
