// The one server-side gate: every server action, route handler and console page calls requireRole.
import "server-only";
import { getServerSession } from "next-auth";
import { assertRole } from "./assert-role.ts";
import { getActiveUser } from "../services/users.ts";
import { authOptions } from "./auth-options.ts";
import type { Role, SessionUser } from "./roles.ts";

export { assertRole };

/**
 * The signed-in user, read fresh from the database (a disabled user or changed role applies at once),
 * or null when nobody is signed in.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return getActiveUser(id);
}

/** The signed-in user when they hold `required`; otherwise throws AppError (401 / 403). */
export async function requireRole(required: Role): Promise<SessionUser> {
  return assertRole(await currentUser(), required);
}
