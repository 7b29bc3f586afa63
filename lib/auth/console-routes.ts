// The console's sections (after the MIIS Synchronization Service Manager toolbar) and who may open them.
// Client-safe: the shell filters its navigation with it; proxy.ts keeps helpdesk out of admin pages.
import { hasRole, type Role } from "./roles.ts";

export interface ConsoleSection {
  href: string;
  label: string;
  role: Role;
  description: string;
}

export const CONSOLE_SECTIONS: ConsoleSection[] = [
  { href: "/", label: "Dashboard", role: "helpdesk", description: "Connector spaces, last runs, error trends and the metaverse at a glance" },
  { href: "/operations", label: "Operations", role: "helpdesk", description: "Run history: every run, its steps, counters and errors" },
  { href: "/management-agents", label: "Management Agents", role: "admin", description: "Connected systems, connector spaces and run profiles" },
  { href: "/schedules", label: "Schedules", role: "helpdesk", description: "Run profiles started on a cron schedule, in sequence across MAs" },
  { href: "/metaverse-designer", label: "Metaverse Designer", role: "admin", description: "Object types and attributes of the metaverse" },
  { href: "/metaverse-search", label: "Metaverse Search", role: "helpdesk", description: "Find mventries and their connectors" },
  { href: "/joiner", label: "Joiner", role: "admin", description: "Disconnectors to join or project by hand" },
  { href: "/password-reset", label: "Password Reset", role: "helpdesk", description: "Set a new password in the connected systems" },
  { href: "/password-settings", label: "Password Management", role: "admin", description: "Which management agents set passwords; the password policy" },
  { href: "/api-tokens", label: "API Tokens", role: "admin", description: "Tokens for the REST API" },
];

export function sectionsFor(role: Role): ConsoleSection[] {
  return CONSOLE_SECTIONS.filter((s) => hasRole(role, s.role));
}

/** The role a console path needs (null: any signed-in user). */
export function roleForPath(pathname: string): Role | null {
  const s = CONSOLE_SECTIONS.find((x) => pathname === x.href || pathname.startsWith(`${x.href}/`));
  return s ? s.role : null;
}

export const PUBLIC_PATHS = ["/signin", "/reset"];
