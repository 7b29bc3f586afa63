import { describe, expect, it } from "vitest";
import type { MaRules } from "../../lib/engine/rules.ts";
import { formatRulePath, listRuleExpressions, validateRules } from "../../lib/engine/rules-schema.ts";

const good: MaRules = {
  connectorFilters: [{ objectType: "person", condition: "status = 'terminated'" }],
  joinProjection: [
    {
      objectType: "person",
      mvObjectType: "person",
      join: [
        { mappings: [{ cs: "employeeId", mv: "employeeID" }] },
        { mappings: [{ expression: "$lower(mail)", mv: "mail" }], ignoreCase: true },
      ],
      project: true,
      projectCondition: "$exists(employeeId)",
    },
  ],
  importFlows: [
    { objectType: "person", mvObjectType: "person", mv: "givenName", cs: "firstName" },
    { objectType: "person", mvObjectType: "person", mv: "displayName", expression: "firstName & ' ' & lastName", precedence: 10 },
  ],
  exportFlows: [
    { objectType: "inetOrgPerson", mvObjectType: "person", cs: "cn", mv: "displayName" },
    { objectType: "inetOrgPerson", mvObjectType: "person", cs: "mail", expression: "$lower(mail)", allowNull: false },
  ],
  provisioning: [
    {
      name: "ldap accounts",
      mvObjectType: "person",
      condition: "employeeStatus = 'active'",
      objectType: "inetOrgPerson",
      dn: "$buildDn('uid', uid, 'ou=people,dc=example,dc=com')",
      anchor: "employeeID",
      initial: { objectClass: "['inetOrgPerson']", userPassword: "$lower('x')" },
    },
  ],
  deprovision: "explicit-disconnector",
  deleteMvOnDisconnect: true,
};

describe("validateRules", () => {
  it("accepts a complete, valid rules document", () => {
    const result = validateRules(good);
    expect(result).toEqual({ ok: true, rules: good });
  });

  it("accepts empty rules (and a missing document)", () => {
    expect(validateRules({})).toEqual({ ok: true, rules: {} });
    expect(validateRules(undefined)).toEqual({ ok: true, rules: {} });
  });

  it("refuses $unique outside import flows, where it has nothing to check against", () => {
    const rules: MaRules = {
      ...good,
      importFlows: [{ objectType: "inetOrgPerson", mvObjectType: "person", mv: "accountName", expression: "$unique($lower(uid))" }],
      provisioning: [{ ...good.provisioning![0]!, initial: { uid: "$unique(accountName)" } }],
    };
    const result = validateRules(rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ path: "provisioning[0].initial.uid", message: expect.stringMatching(/\$unique works in import flows only/), position: 0 }]);
  });

  it("reports a bad expression with the rule path and the position", () => {
    const rules: MaRules = {
      ...good,
      provisioning: [{ ...good.provisioning![0]!, dn: "$buildDn('uid', uid,, 'ou=x')" }],
    };
    const result = validateRules(rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: "provisioning[0].dn", position: 21 });
    expect(result.errors[0]!.message).toMatch(/^syntax error at position 21/);
  });

  it("checks every kind of expression and reports all of them", () => {
    const bad = "a +";
    const rules: MaRules = {
      connectorFilters: [{ objectType: "person", condition: bad }],
      joinProjection: [
        {
          objectType: "person",
          mvObjectType: "person",
          join: [{ mappings: [{ cs: "id", mv: "id" }, { expression: bad, mv: "mail" }] }],
          projectCondition: bad,
        },
      ],
      importFlows: [{ objectType: "p", mvObjectType: "p", mv: "x", expression: "ok" }, { objectType: "p", mvObjectType: "p", mv: "y", expression: bad }],
      exportFlows: [{ objectType: "p", mvObjectType: "p", cs: "x", expression: bad }],
      provisioning: [
        { name: "r", mvObjectType: "p", objectType: "p", condition: bad, dn: bad, anchor: bad, initial: { description: bad } },
      ],
    };
    const result = validateRules(rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      "connectorFilters[0].condition",
      "joinProjection[0].join[0].mappings[1].expression",
      "joinProjection[0].projectCondition",
      "importFlows[1].expression",
      "exportFlows[0].expression",
      "provisioning[0].condition",
      "provisioning[0].dn",
      "provisioning[0].anchor",
      "provisioning[0].initial.description",
    ]);
    for (const e of result.errors) expect(e.position).toBeTypeOf("number");
  });

  it("reports shape errors with their paths", () => {
    const result = validateRules({
      importFlows: [{ objectType: "p", mvObjectType: "p", mv: "x" }],
      exportFlows: [{ objectType: "p", mvObjectType: "p", cs: "x", mv: "a", expression: "b" }],
      provisioning: [{ name: "r", mvObjectType: "p", objectType: "p" }],
      deprovision: "shred",
      joinProjection: [{ objectType: "p", mvObjectType: "p", join: [{ mappings: [] }] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "importFlows[0]",
        "exportFlows[0]",
        "provisioning[0].dn",
        "deprovision",
        "joinProjection[0].join[0].mappings",
      ]),
    );
    expect(result.errors.find((e) => e.path === "importFlows[0]")!.message).toMatch(/either cs/);
  });

  it("refuses unknown keys (a typo must not silently drop a rule)", () => {
    const result = validateRules({ importFlows: [{ objectType: "p", mvObjectType: "p", mv: "x", expresion: "a" }] });
    expect(result.ok).toBe(false);
  });

  it("refuses duplicate provisioning rule names", () => {
    const rule = good.provisioning![0]!;
    const result = validateRules({ provisioning: [rule, rule] });
    expect(result).toMatchObject({ ok: false, errors: [{ path: "provisioning", message: /unique/ }] });
  });

  it("refuses something that is not an object", () => {
    expect(validateRules("rules")).toMatchObject({ ok: false, errors: [{ path: "(rules)" }] });
  });
});

describe("helpers", () => {
  it("formats zod paths", () => {
    expect(formatRulePath(["provisioning", 0, "initial", "cn"])).toBe("provisioning[0].initial.cn");
  });

  it("lists every expression of a rules document", () => {
    expect(listRuleExpressions(good).map((e) => e.path)).toEqual([
      "connectorFilters[0].condition",
      "joinProjection[0].join[1].mappings[0].expression",
      "joinProjection[0].projectCondition",
      "importFlows[1].expression",
      "exportFlows[1].expression",
      "provisioning[0].condition",
      "provisioning[0].dn",
      "provisioning[0].anchor",
      "provisioning[0].initial.objectClass",
      "provisioning[0].initial.userPassword",
    ]);
  });
});
