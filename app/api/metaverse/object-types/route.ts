// GET /api/metaverse/object-types : the Metaverse Designer model (admin).
// POST /api/metaverse/object-types {name, description?} : add an object type (admin, audited).
import { guardedRoute, parseInput } from "../../../../lib/auth/guarded.ts";
import { AppError } from "../../../../lib/errors/app-error.ts";
import { objectTypeInputSchema } from "../../../../lib/schemas/metaverse.ts";
import { addObjectType, listMetaverseModel } from "../../../../lib/services/metaverse-designer.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("admin", async (_req, user) => ({ objectTypes: await listMetaverseModel(user) }));

export const POST = guardedRoute("admin", async (req, user) => {
  const body: unknown = await req.json().catch(() => {
    throw new AppError("INVALID_INPUT", "the request body must be JSON: {\"name\": \"...\", \"description\": \"...\"}");
  });
  const input = parseInput(objectTypeInputSchema, body);
  return Response.json({ objectType: await addObjectType(user, input) }, { status: 201 });
});
