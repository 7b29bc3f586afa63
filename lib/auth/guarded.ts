// Wrappers that put requireRole, zod validation and AppError -> response mapping in one place,
// for route handlers (JSON {code, message}) and server actions (ActionResult).
import "server-only";
import { z } from "zod";
import { AppError, isAppError } from "../errors/app-error.ts";
import type { ActionResult } from "../dto/action-result.ts";
import { requireRole } from "./require-role.ts";
import type { Role, SessionUser } from "./roles.ts";

/** The JSON error body of every API route: `{ code, message }` with the mapped HTTP status. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    return Response.json({ code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }, { status: e.status });
  }
  console.error("[idsync] unexpected error in a route handler:", e);
  return Response.json({ code: "INTERNAL", message: "internal error; the server log has the details" }, { status: 500 });
}

/** A route handler that needs `role`; the handler's return value becomes the JSON body. */
export function guardedRoute<Ctx>(
  role: Role,
  handler: (req: Request, user: SessionUser, ctx: Ctx) => Promise<unknown>,
): (req: Request, ctx: Ctx) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const user = await requireRole(role);
      const body = await handler(req, user, ctx);
      return body instanceof Response ? body : Response.json(body);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** Parses with `schema` or throws INVALID_INPUT carrying field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    throw new AppError("INVALID_INPUT", `${where}${first?.message ?? "invalid input"}`, {
      details: { fieldErrors: flat.fieldErrors, formErrors: flat.formErrors },
    });
  }
  return parsed.data;
}

function fieldErrorsOf(e: AppError): Record<string, string[]> {
  const details = e.details as { fieldErrors?: Record<string, string[] | undefined> } | undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(details?.fieldErrors ?? {})) if (v?.length) out[k] = v;
  return out;
}

/** A server action: role check, zod parse, use case; never leaks an internal message to the browser. */
export async function guardedAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  input: unknown,
  run: (data: z.output<S>, user: SessionUser) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const user = await requireRole(role);
    const data = parseInput(schema, input);
    return { ok: true, data: await run(data, user) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fieldErrors: fieldErrorsOf(e) };
    console.error("[idsync] unexpected error in a server action:", e);
    return { ok: false, code: "INTERNAL", message: "internal error; the server log has the details", fieldErrors: {} };
  }
}
