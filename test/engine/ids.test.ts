import { describe, expect, it } from "vitest";
import { newId } from "../../lib/engine/ids.ts";

describe("newId", () => {
  it("makes distinct RFC 9562 version-7 UUIDs that sort in the order they were made", () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("carries the creation time in its first 48 bits", () => {
    const before = Date.now();
    const ms = parseInt(newId().replace(/-/g, "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 5_000);
  });
});
