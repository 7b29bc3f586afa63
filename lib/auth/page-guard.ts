// Console pages: requireRole, but answered with a redirect (sign in / forbidden) instead of an error.
import "server-only";
import { redirect } from "next/navigation";
import { isAppError } from "../errors/app-error.ts";
import { requireRole } from "./require-role.ts";
import type { Role, SessionUser } from "./roles.ts";

export async function requirePageRole(role: Role): Promise<SessionUser> {
  try {
    return await requireRole(role);
  } catch (e) {
    if (isAppError(e) && e.code === "UNAUTHENTICATED") redirect("/signin");
    if (isAppError(e) && e.code === "FORBIDDEN") redirect("/forbidden");
    throw e;
  }
}
