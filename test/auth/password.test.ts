import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "../../lib/auth/password.ts";
import { AppError } from "../../lib/errors/app-error.ts";

beforeAll(() => {
  process.env.IDSYNC_BCRYPT_COST = "4";
});

describe("password hashing", () => {
  it("stores a bcrypt hash, never the password, and verifies it", async () => {
    const hash = await hashPassword("Correct-Horse-9");
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(hash).not.toContain("Correct-Horse-9");
    expect(await verifyPassword("Correct-Horse-9", hash)).toBe(true);
    expect(await verifyPassword("correct-horse-9", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("Same-Password-1"), hashPassword("Same-Password-1")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("Same-Password-1", a)).toBe(true);
    expect(await verifyPassword("Same-Password-1", b)).toBe(true);
  });

  it("rejects a short password with INVALID_INPUT", async () => {
    expect(passwordProblem("short")).toMatch(/at least 8/);
    expect(passwordProblem("long-enough")).toBeNull();
    await expect(hashPassword("short")).rejects.toBeInstanceOf(AppError);
    await expect(hashPassword("short")).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("answers false (not an exception) for a missing or malformed hash", async () => {
    expect(await verifyPassword("whatever-1", null)).toBe(false);
    expect(await verifyPassword("whatever-1", undefined)).toBe(false);
    expect(await verifyPassword("whatever-1", "not-a-bcrypt-hash")).toBe(false);
  });
});
