// The pure half of requireRole: services call it too, so a use case is guarded whoever calls it.
import { AppError } from "../errors/app-error.ts";
import { hasRole, type Role, type SessionUser } from "./roles.ts";

/** Throws UNAUTHENTICATED without a user, FORBIDDEN when the user lacks `required`; returns the user. */
export function assertRole(user: SessionUser | null | undefined, required: Role): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in first");
  if (!hasRole(user.role, required)) {
    throw new AppError("FORBIDDEN", `this needs the ${required} role; you are signed in as ${user.role}`);
  }
  return user;
}
