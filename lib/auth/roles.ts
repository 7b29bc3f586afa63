// Roles and what each may do. Client-safe: the shell uses it to hide navigation, the server to enforce.

export const ROLES = ["admin", "helpdesk"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The signed-in user as the app sees it (never the password hash). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/**
 * Does `userRole` grant `required`? admin may do everything; helpdesk only helpdesk things
 * (search identities, reset passwords, read run history).
 */
export function hasRole(userRole: Role | null | undefined, required: Role): boolean {
  if (!userRole) return false;
  if (userRole === "admin") return true;
  return userRole === required;
}
