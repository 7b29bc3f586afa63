// The MA Designer wizard's client-side helpers: rule problems mapped into the YAML text (plain,
// quoted and block scalars), YAML syntax errors with their place, and settings form <-> config.
import { describe, expect, it } from "vitest";
import { locate, parseRulesText } from "../../components/ma-designer/rules-yaml.ts";
import { pathParts } from "../../lib/schemas/yaml-place.ts";
import { configFrom, valuesFor } from "../../components/ma-designer/wizard-state.ts";
import type { DesignerField } from "../../lib/dto/ma-designer.ts";
import { validateRules } from "../../lib/engine/rules-schema.ts";

const flow = (expr: string) => `  - objectType: person\n    mvObjectType: person\n    mv: displayName\n    expression: ${expr}\n`;

describe("rules text", () => {
  it("marks the character of an expression error in plain, quoted and block scalars", () => {
    const text = `importFlows:\n${flow("givenName & & sn")}${flow(`"givenName & & sn"`)}${flow(`'sn & ''x'' & & sn'`)}${flow("|\n      $lower(sn)\n      & & givenName")}`;
    const parsed = parseRulesText(text);
    if (!parsed.ok) throw new Error("YAML");
    const checked = validateRules(parsed.rules);
    if (checked.ok) throw new Error("expected errors");
    expect(checked.errors.map((e) => e.path)).toEqual([0, 1, 2, 3].map((i) => `importFlows[${i}].expression`));
    const marks = checked.errors.map((e) => locate(text, parsed.doc, e).mark!);
    for (const m of marks) expect(text[m.offset]).toBe("&");
    expect(marks.map((m) => m.line)).toEqual([5, 9, 13, 19]);
    // the second "&" of "givenName & & sn" (position 13 is just past it)
    expect(marks[0].column).toBe("    expression: givenName & &".length);
  });

  it("marks the rule itself when the problem is not in an expression", () => {
    const text = "importFlows:\n  - objectType: person\n    mv: x\n    cs: id\n";
    const parsed = parseRulesText(text);
    if (!parsed.ok) throw new Error("YAML");
    const checked = validateRules(parsed.rules);
    if (checked.ok) throw new Error("expected errors");
    expect(locate(text, parsed.doc, checked.errors[0]).mark).toMatchObject({ line: 2, column: 5 });
    expect(pathParts("joinProjection[0].join[1].mappings[2].expression")).toEqual(["joinProjection", 0, "join", 1, "mappings", 2, "expression"]);
  });

  it("reports YAML syntax errors with their line, and refuses a non-mapping", () => {
    const bad = parseRulesText("importFlows:\n  - { objectType: person\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ path: "YAML", mark: { line: expect.any(Number) } });
    expect(parseRulesText("- a\n").ok).toBe(false);
    expect(parseRulesText("").ok).toBe(true);
  });
});

describe("settings form", () => {
  const fields: DesignerField[] = [
    { name: "path", label: "File", kind: "path", required: true, options: [], page: "connect" },
    { name: "port", label: "Port", kind: "number", required: false, options: [], page: "connect" },
    { name: "ssl", label: "TLS", kind: "boolean", required: false, options: [], page: "connect", default: false },
    { name: "password", label: "Password", kind: "secret", required: false, options: [], page: "connect" },
    { name: "columns", label: "Columns", kind: "list", required: false, options: [], page: "connect" },
    { name: "delimiter", label: "Delimiter", kind: "select", required: false, options: [",", ";"], page: "connect", default: "," },
  ];

  it("turns form values into a config: unset values left out, numbers, lists of names or JSON objects", () => {
    const values = valuesFor(fields, { path: "/x.csv", columns: ["a", { name: "b", start: 1 }], password: "never-shown" });
    expect(values).toEqual({ path: "/x.csv", port: "", ssl: false, password: "", columns: 'a\n{"name":"b","start":1}', delimiter: "," });
    expect(configFrom(fields, { ...values, port: "389" }, { kept: 1 })).toEqual({
      config: { kept: 1, path: "/x.csv", port: 389, ssl: false, columns: ["a", { name: "b", start: 1 }], delimiter: "," },
      errors: {},
    });
    expect(configFrom(fields, { ...values, password: "new", columns: '[{"name":"x"}]' }, {}).config).toMatchObject({ password: "new", columns: [{ name: "x" }] });
    expect(configFrom(fields, { ...values, port: "x", columns: "{bad" }, {}).errors).toEqual({ port: "a number is expected", columns: expect.stringContaining("not valid JSON") });
  });

  it("a list field whose default is a map (LDAP objectTypes) is name=value lines, both ways", () => {
    const map: DesignerField[] = [{ name: "objectTypes", label: "Object types", kind: "list", required: false, options: [], default: {}, page: "objectTypes" }];
    expect(valuesFor(map, { objectTypes: { inetOrgPerson: "person", groupOfNames: "group" } })).toEqual({ objectTypes: "inetOrgPerson=person\ngroupOfNames=group" });
    expect(configFrom(map, { objectTypes: " inetOrgPerson = person \n\ngroupOfNames=group" }, {}).config).toEqual({ objectTypes: { inetOrgPerson: "person", groupOfNames: "group" } });
    expect(configFrom(map, { objectTypes: '{"inetOrgPerson":"person"}' }, {}).config).toEqual({ objectTypes: { inetOrgPerson: "person" } });
    expect(configFrom(map, { objectTypes: "" }, { objectTypes: { a: "b" } }).config).toEqual({});
    expect(configFrom(map, { objectTypes: "inetOrgPerson" }, {}).errors).toEqual({ objectTypes: expect.stringContaining("not name=value") });
  });
});
