// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the REST API (public, no token).
import { openApiDocument } from "../../../../lib/schemas/openapi.ts";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(openApiDocument);
}
