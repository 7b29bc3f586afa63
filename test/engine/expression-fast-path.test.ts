// The fast path must give exactly JSONata's answer, or step aside (BAIL / null). Each expression is
// evaluated both ways over scopes with present, absent, empty, multi-valued and odd values.
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { BAIL, compileFastPath } from "../../lib/engine/expression-fast-path.ts";
import { helperFunctions } from "../../lib/engine/expression-functions.ts";
import { compileExpression, type ExpressionScope } from "../../lib/engine/expressions.ts";

async function byJsonata(source: string, scope: ExpressionScope, vars: Record<string, unknown>): Promise<unknown> {
  const expr = jsonata(source);
  for (const h of helperFunctions) expr.registerFunction(h.name, h.implementation, h.signature);
  // As expressions.ts binds them: a leading `$` on a binding's name is dropped.
  return expr.evaluate(scope, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k.replace(/^\$/, ""), v])));
}

const scope = (o: Record<string, string | string[]>): ExpressionScope => Object.assign(Object.create(null) as ExpressionScope, o);

const SCOPES: ExpressionScope[] = [
  scope({ givenName: "Ada", sn: "Lovelace", accountName: "ada.lovelace" }),
  scope({ givenName: "  Zoë ", sn: "ÉCLAIR" }),
  scope({ sn: "Solo" }),
  scope({}),
  scope({ givenName: "", sn: "" }),
  scope({ givenName: ["Ada", "Augusta"], sn: "Lovelace" }),
  scope({ givenName: ["Ada"], sn: "Lovelace" }),
  scope({ "first-name": "Grace", constructor: "x", __proto__: "y" }),
];
const VARS = [{ dn: "uid=a,ou=people", anchor: "A1", objectType: "person" }, {}, { dn: "cn=x", $anchor: "B2" }];

const FAST = [
  "givenName",
  "'literal'",
  "givenName & ' ' & sn",
  "$lower(givenName & '.' & sn)",
  "$upper(sn)",
  "$trim(givenName)",
  "'uid=' & accountName & ',ou=people'",
  "`first-name` & '!'",
  "constructor & __proto__",
  "$dn",
  "$anchor & '-' & $objectType",
  "$lower($trim(givenName)) & $upper(missing)",
  "missing & missing",
];

const SLOW = ["a.b", "a[0]", "$left(givenName, 2)", "$coalesce(a, b)", "givenName = 'Ada'", "$unique(a)", "1 & 2", "$", "$now", "$lower(a, b)", "$lowercase(a)", "givenName ? 'x' : 'y'", "$x"];

describe("expression fast path", () => {
  it.each(FAST)("answers %s as JSONata does, or bails", async (source) => {
    const fast = compileFastPath(jsonata(source).ast());
    expect(fast).not.toBeNull();
    let answered = 0;
    for (const s of SCOPES) {
      for (const v of VARS) {
        const got = fast!(s, v);
        if (got === BAIL) continue;
        answered++;
        expect(got, `${source} on ${JSON.stringify({ ...s })} ${JSON.stringify(v)}`).toEqual(await byJsonata(source, s, v));
      }
    }
    expect(answered).toBeGreaterThan(0);
  });

  it("bails on a multi-valued attribute, where JSONata's sequences decide", () => {
    const fast = compileFastPath(jsonata("givenName & ' ' & sn").ast())!;
    expect(fast(scope({ givenName: ["Ada", "Augusta"], sn: "L" }), {})).toBe(BAIL);
  });

  it.each(SLOW)("leaves %s to JSONata", (source) => {
    expect(compileFastPath(jsonata(source).ast())).toBeNull();
  });

  it("gives compiled expressions the same values and errors as before", async () => {
    const e = compileExpression("$lower(givenName & '.' & sn)", "importFlows[0]");
    expect(await e.evaluate(scope({ givenName: "Ada", sn: "Lovelace" }))).toEqual(["ada.lovelace"]);
    expect(await e.evaluate(scope({ givenName: ["Ada", "Augusta"], sn: "Lovelace" }))).toEqual([JSON.stringify(["Ada", "Augusta"]).toLowerCase() + ".lovelace"]);
    expect(await compileExpression("missing & missing").evaluate(scope({}))).toEqual([]);
    await expect(compileExpression("$left(givenName, 'x')", "r").evaluate(scope({ givenName: "Ada" }))).rejects.toThrow(/rule "r"/);
  });
});
