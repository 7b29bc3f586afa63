import { describe, expect, it } from "vitest";
import { AnchorIndex } from "../../lib/connectors/file-common/anchor-index.ts";

describe("AnchorIndex (duplicate-anchor detection of the file connectors)", () => {
  it("is an exact map of anchors to first lines across growth and rehashing", () => {
    const index = new AnchorIndex();
    const reference = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const anchor = i % 7 === 0 ? `Zoë-${i}-😀` : `E${i}`;
      index.set(anchor, i + 2);
      reference.set(anchor, i + 2);
    }
    index.set("E5", 999);
    expect(index.size).toBe(50_000);
    for (const [anchor, line] of reference) expect(index.get(anchor)).toBe(line);
    for (const missing of ["", "E", "E50000", "e1", "E1 ", "Zoë-0-"]) expect(index.get(missing)).toBeUndefined();
    index.set("", 1);
    expect(index.get("")).toBe(1);
  });
});
