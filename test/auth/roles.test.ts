import { describe, expect, it } from "vitest";
import { assertRole } from "../../lib/auth/assert-role.ts";
import { CONSOLE_SECTIONS, roleForPath, sectionsFor } from "../../lib/auth/console-routes.ts";
import { hasRole, isRole, type SessionUser } from "../../lib/auth/roles.ts";
import { AppError } from "../../lib/errors/app-error.ts";

const admin: SessionUser = { id: "1", username: "admin", displayName: "Admin", role: "admin" };
const helpdesk: SessionUser = { id: "2", username: "hd", displayName: "Help Desk", role: "helpdesk" };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("hasRole", () => {
  it("lets admin do everything and helpdesk only helpdesk things", () => {
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("admin", "helpdesk")).toBe(true);
    expect(hasRole("helpdesk", "helpdesk")).toBe(true);
    expect(hasRole("helpdesk", "admin")).toBe(false);
    expect(hasRole(null, "helpdesk")).toBe(false);
    expect(hasRole(undefined, "admin")).toBe(false);
  });

  it("recognises only the two roles", () => {
    expect(isRole("admin")).toBe(true);
    expect(isRole("helpdesk")).toBe(true);
    expect(isRole("Admin")).toBe(false);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe("assertRole", () => {
  it("returns the user who holds the role", () => {
    expect(assertRole(admin, "admin")).toBe(admin);
    expect(assertRole(admin, "helpdesk")).toBe(admin);
    expect(assertRole(helpdesk, "helpdesk")).toBe(helpdesk);
  });

  it("answers 401 UNAUTHENTICATED without a user", () => {
    const e = caught(() => assertRole(null, "helpdesk"));
    expect(e.code).toBe("UNAUTHENTICATED");
    expect(e.status).toBe(401);
  });

  it("answers 403 FORBIDDEN for the wrong role, naming the role needed", () => {
    const e = caught(() => assertRole(helpdesk, "admin"));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.status).toBe(403);
    expect(e.message).toContain("admin role");
  });
});

describe("console sections", () => {
  it("shows admin all ten sections and helpdesk five, Dashboard first", () => {
    expect(sectionsFor("admin").map((s) => s.label)).toEqual([
      "Dashboard", "Operations", "Management Agents", "Schedules", "Metaverse Designer", "Metaverse Search", "Joiner", "Password Reset", "Password Management", "API Tokens",
    ]);
    expect(sectionsFor("helpdesk").map((s) => s.label)).toEqual(["Dashboard", "Operations", "Schedules", "Metaverse Search", "Password Reset"]);
    expect(CONSOLE_SECTIONS).toHaveLength(10);
  });

  it("maps nested console paths to the role their section needs", () => {
    expect(roleForPath("/")).toBe("helpdesk");
    expect(roleForPath("/operations/abc")).toBe("helpdesk");
    expect(roleForPath("/management-agents")).toBe("admin");
    expect(roleForPath("/metaverse-designer/x")).toBe("admin");
    expect(roleForPath("/metaverse-search/123")).toBe("helpdesk");
    expect(roleForPath("/joiner")).toBe("admin");
    expect(roleForPath("/joinerx")).toBeNull();
    expect(roleForPath("/forbidden")).toBeNull();
  });
});
