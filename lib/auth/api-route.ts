// Route handlers of the REST API (/api/v1): bearer-token authentication instead of the session
// cookie, then the role check; errors as `{ code, message }` like every API route. No cookie is
// read, so these endpoints need no CSRF token.
import "server-only";
import { AppError } from "../errors/app-error.ts";
import { assertRole } from "./assert-role.ts";
import { errorResponse } from "./guarded.ts";
import type { Role, SessionUser } from "./roles.ts";
import { authenticateBearer } from "../services/api-tokens.ts";

export function apiRoute<Ctx>(
  role: Role,
  handler: (req: Request, caller: SessionUser, ctx: Ctx) => Promise<unknown>,
): (req: Request, ctx: Ctx) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const caller = assertRole(await authenticateBearer(req.headers.get("authorization")), role);
      const body = await handler(req, caller, ctx);
      return body instanceof Response ? body : Response.json(body);
    } catch (e) {
      const res = errorResponse(e);
      if (res.status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="idsync"');
      return res;
    }
  };
}

/** The JSON body of a request, or INVALID_INPUT. */
export async function jsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("INVALID_INPUT", "the request body is not JSON");
  }
}
