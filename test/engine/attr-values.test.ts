// Value changes of multi-valued attributes: diffs and merges stay value adds and removes.
import { describe, expect, it } from "vitest";
import { applyChange, diffValues, mergeChange } from "../../lib/engine/attr-values.ts";

describe("multi-valued attribute changes", () => {
  const base = Array.from({ length: 1000 }, (_, i) => `m${i}`);

  it("diffs a one-value change as one add and one remove", () => {
    expect(diffValues(base, [...base.slice(1), "new"], true)).toEqual({ add: ["new"], remove: ["m0"] });
  });

  it("merges value changes onto pending value changes without a replace, with the effect of applying both", () => {
    const cases: [Parameters<typeof mergeChange>[0], Parameters<typeof mergeChange>[1]][] = [
      [{ remove: ["m0"] }, { add: ["new"] }],
      [{ add: ["x"], remove: ["m1"] }, { remove: ["x"], add: ["m1", "y"] }],
      [{ add: ["X"] }, { add: ["x"] }],
      [{ remove: ["m2"] }, { remove: ["m2", "m3"] }],
    ];
    for (const [older, newer] of cases) {
      const merged = mergeChange(older, newer, base);
      expect(merged.replace).toBeUndefined();
      const norm = (v: string[]) => v.map((s) => s.toLowerCase()).sort();
      expect(norm(applyChange(base, merged))).toEqual(norm(applyChange(applyChange(base, older!), newer)));
    }
    expect(mergeChange({ remove: ["m0"] }, { add: ["new"] }, base)).toEqual({ add: ["new"], remove: ["m0"] });
  });

  it("keeps a replace a replace", () => {
    expect(mergeChange({ replace: ["a", "b"] }, { add: ["c"], remove: ["a"] }, base)).toEqual({ replace: ["b", "c"] });
    expect(mergeChange({ add: ["a"] }, { replace: ["z"] }, base)).toEqual({ replace: ["z"] });
  });
});
