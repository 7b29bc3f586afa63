// The rule pages' pure helpers: list edits that keep rule paths stable (the live check names fields
// by index), the csentry object types offered, the sections of each rule page, and the YAML view's text
// refused for saving while it does not parse.
import { describe, expect, it } from "vitest";
import { csTypeNames, listOf, move, problemsAt, removeAt, replaceAt, sampleOf, withList, type RulesPageContext } from "../../components/ma-designer/rules/rules-context.ts";
import { isRulesTopic, sectionsOf, unparsedYamlProblems } from "../../components/ma-designer/rules/rules-topics.ts";
import type { MaRules } from "../../lib/engine/rules.ts";

const context = (over: Partial<RulesPageContext> = {}): RulesPageContext => ({
  maName: "T", csTypes: [{ name: "person", attributes: ["id"] }], model: [], samples: [], problems: [],
  actions: { previewExpression: async () => ({ ok: false, code: "X", message: "", fieldErrors: {} }), importPrecedence: async () => ({ ok: true, data: [] }) },
  ...over,
});

describe("rule page helpers", () => {
  it("moves, replaces and removes rules; a move past either end changes nothing", () => {
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    const same = ["a", "b"];
    expect(move(same, 0, -1)).toBe(same);
    expect(move(same, 1, 1)).toBe(same);
    expect(replaceAt(["a", "b"], 1, "x")).toEqual(["a", "x"]);
    expect(removeAt(["a", "b", "c"], 1)).toEqual(["a", "c"]);
  });

  it("reads hand-typed YAML defensively and drops an emptied section", () => {
    expect(listOf("nonsense" as never)).toEqual([]);
    // a non-object item keeps its place so importFlows[1] is still the second rule
    expect(listOf([{ mv: "a" }, null, 5, { mv: "b" }] as never[])).toEqual([{ mv: "a" }, {}, {}, { mv: "b" }]);
    const rules: MaRules = { importFlows: [{ objectType: "p", mvObjectType: "p", mv: "x", cs: "y" }], deprovision: "delete" };
    expect(withList(rules, "importFlows", [])).toEqual({ deprovision: "delete" });
    expect(withList(rules, "connectorFilters", [{ objectType: "p", condition: "true" }]).connectorFilters).toHaveLength(1);
  });

  it("offers the discovered object types, then those the rules name", () => {
    const rules: MaRules = { importFlows: [{ objectType: "group", mvObjectType: "group", mv: "cn", cs: "cn" }], provisioning: [{ name: "r", mvObjectType: "person", objectType: "person", dn: "x" }] };
    expect(csTypeNames(context(), rules)).toEqual(["person", "group"]);
  });

  it("finds a field's problems and the first preview sample of a type", () => {
    const c = context({
      problems: [{ path: "importFlows[1].expression", message: "syntax error", position: 3 }, { path: "importFlows[1]", message: "needs either" }],
      samples: [{ kind: "error", code: "bad-row", message: "x" }, { kind: "object", objectType: "group", dn: "g1" }, { kind: "object", objectType: "person", dn: "p1" }],
    });
    expect(problemsAt(c, "importFlows[1].expression").map((p) => p.message)).toEqual(["syntax error"]);
    expect(sampleOf(c, "person")?.dn).toBe("p1");
    expect(sampleOf(c, "contact")).toBeUndefined();
  });

  it("knows the rule pages and the rules sections each one edits", () => {
    expect(sectionsOf("attributeFlow")).toEqual(["importFlows", "exportFlows"]);
    expect(sectionsOf("deprovisioning")).toEqual(["deprovision", "deleteMvOnDisconnect"]);
    expect(sectionsOf("joinProjection")).toEqual(["joinProjection"]);
    expect(isRulesTopic("provisioning")).toBe(true);
    expect(isRulesTopic("runProfiles")).toBe(false);
  });

  it("refuses to save while the YAML view does not parse, naming the line", () => {
    expect(unparsedYamlProblems(null)).toBeNull();
    expect(unparsedYamlProblems("importFlows: []\n")).toBeNull();
    const problems = unparsedYamlProblems("importFlows:\n  - { mv: x\n");
    expect(problems?.[0].message).toMatch(/line \d+, column \d+/);
    expect(unparsedYamlProblems("- a\n- b\n")?.[0].message).toContain("a YAML mapping");
  });
});
