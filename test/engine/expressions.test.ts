import { describe, expect, it } from "vitest";
import {
  compileExpression,
  ExpressionError,
  toScope,
  type ExpressionBindings,
  type ExpressionScope,
} from "../../lib/engine/expressions.ts";

const person = toScope(
  {
    givenName: ["Zoë"],
    sn: ["Łukasz-Müller"],
    displayName: ["  Zoë   Müller  "],
    mail: ["Zoe@Example.com", "zm@example.com"],
    employeeId: ["00042"],
    empty: [],
  },
  (name) => name === "mail",
);

async function run(source: string, scope: ExpressionScope = person, extra?: ExpressionBindings): Promise<string[]> {
  return compileExpression(source).evaluate(scope, extra);
}

describe("toScope", () => {
  it("binds single-valued attributes as strings, multi-valued as arrays, and leaves empty ones out", () => {
    expect(person.givenName).toBe("Zoë");
    expect(person.mail).toEqual(["Zoe@Example.com", "zm@example.com"]);
    expect("empty" in person).toBe(false);
  });

  it("treats attributes named like prototype members as plain data", async () => {
    const scope = toScope({ constructor: ["c"], __proto__: ["p"] } as never, () => false);
    expect(await run("constructor", scope)).toEqual(["c"]);
  });
});

describe("evaluate", () => {
  it("normalises results to string arrays", async () => {
    expect(await run("missing")).toEqual([]);
    expect(await run("null")).toEqual([]);
    expect(await run("42")).toEqual(["42"]);
    expect(await run("true")).toEqual(["true"]);
    expect(await run("['a', '', null, 'b']")).toEqual(["a", "b"]);
    expect(await run("mail")).toEqual(["Zoe@Example.com", "zm@example.com"]);
  });

  it("reads multi-valued input with JSONata's array operators", async () => {
    expect(await run("$count(mail)")).toEqual(["2"]);
    expect(await run("mail[$contains($, 'zm')]")).toEqual(["zm@example.com"]);
    expect(await run("$join(mail, ';')")).toEqual(["Zoe@Example.com;zm@example.com"]);
  });

  it("binds $dn, $anchor, $objectType and other extras (with or without the $)", async () => {
    const extra = { dn: "uid=zm,ou=people,dc=x", $anchor: "42", objectType: "person", site: "HQ" };
    expect(await run("$dn & '|' & $anchor & '|' & $objectType & '|' & $site", person, extra)).toEqual([
      "uid=zm,ou=people,dc=x|42|person|HQ",
    ]);
  });

  it("evaluateBoolean follows JSONata truthiness", async () => {
    const yes = (s: string) => compileExpression(s).evaluateBoolean(person);
    expect(await yes("givenName = 'Zoë'")).toBe(true);
    expect(await yes("missing")).toBe(false);
    expect(await yes("''")).toBe(false);
    expect(await yes("mail")).toBe(true);
    expect(await yes("0")).toBe(false);
    expect(await yes("$exists(employeeId) and $number(employeeId) > 40")).toBe(true);
  });

  it("caches compiled expressions by source", () => {
    const a = compileExpression("givenName & 'cache-test'");
    const b = compileExpression("givenName & 'cache-test'", "importFlows[0]");
    expect(a.source).toBe(b.source);
  });
});

describe("errors", () => {
  it("reports a syntax error with the rule and the character position", () => {
    let error: unknown;
    try {
      compileExpression("givenName & & sn", "importFlows[2]");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    const e = error as ExpressionError;
    expect(e.code).toBe("invalid-expression");
    expect(e.position).toBe(13);
    expect(e.where).toBe("importFlows[2]");
    expect(e.message).toMatch(/^rule "importFlows\[2\]": syntax error at position 13: /);
  });

  it("reports an unclosed call at the end of the source, every time (failures are cached too)", () => {
    expect(() => compileExpression("$lower(givenName")).toThrow(/syntax error at position 16/);
    expect(() => compileExpression("$lower(givenName", "exportFlows[1]")).toThrow(/^rule "exportFlows\[1\]": syntax error at position 16/);
  });

  it("wraps evaluation failures as expression-failed with the rule", async () => {
    const expr = compileExpression("$number('abc') + 1", "exportFlows[0]");
    await expect(expr.evaluate(person)).rejects.toMatchObject({ code: "expression-failed", where: "exportFlows[0]" });
    await expect(compileExpression("$dateFormat('31/02/2024', 'yyyy-MM-dd')").evaluate(person)).rejects.toThrow(
      /cannot read "31\/02\/2024"/,
    );
  });

  it("stops runaway recursion", async () => {
    // Not a tail call, so the depth grows until the stack guardrail stops it.
    const expr = compileExpression("($f := function($n) { 1 + $f($n + 1) }; $f(0))");
    await expect(expr.evaluate(person)).rejects.toMatchObject({ code: "expression-failed", jsonataCode: "D1011" });
  });
});

describe("helpers", () => {
  it("$lower, $upper, $trim work on strings, arrays and as path steps", async () => {
    expect(await run("$lower(mail)")).toEqual(["zoe@example.com", "zm@example.com"]);
    expect(await run("$upper(givenName)")).toEqual(["ZOË"]);
    expect(await run("givenName.$upper()")).toEqual(["ZOË"]);
    expect(await run("$trim(displayName)")).toEqual(["Zoë   Müller"]);
    expect(await run("$lower(missing)")).toEqual([]);
  });

  it("$left and $right count characters, not UTF-16 units", async () => {
    expect(await run("$left(givenName, 1) & sn")).toEqual(["ZŁukasz-Müller"]);
    expect(await run("$right(employeeId, 2)")).toEqual(["42"]);
    expect(await run("$left('😀ab', 2)")).toEqual(["😀a"]);
    expect(await run("$right('abc', 0)")).toEqual([]);
    expect(await run("$left(mail, 2)")).toEqual(["Zo", "zm"]);
  });

  it("keeps JSONata's $split and $join", async () => {
    expect(await run("$split('a,b,c', ',')")).toEqual(["a", "b", "c"]);
    expect(await run("$join(['a', 'b'], '-')")).toEqual(["a-b"]);
  });

  it("$coalesce returns the first non-empty argument", async () => {
    expect(await run("$coalesce(missing, '', '  ', employeeId, givenName)")).toEqual(["00042"]);
    expect(await run("$coalesce(missing, mail)")).toEqual(["Zoe@Example.com", "zm@example.com"]);
    expect(await run("$coalesce(missing, nothing)")).toEqual([]);
  });

  it("$escapeDn escapes per RFC 4514", async () => {
    expect(await run(`$escapeDn('Doe, John + "Jr" <x>; a\\\\b')`)).toEqual(['Doe\\, John \\+ \\"Jr\\" \\<x\\>\\; a\\\\b']);
    expect(await run("$escapeDn('#1 ')")).toEqual(["\\#1\\ "]);
    expect(await run("$escapeDn(' lead')")).toEqual(["\\ lead"]);
    expect(await run("$escapeDn('a#b c')")).toEqual(["a#b c"]);
  });

  it("$buildDn, $rdnValue and $parentDn", async () => {
    expect(await run("$buildDn('cn', 'Doe, John', 'ou=people,dc=example,dc=com')")).toEqual([
      "cn=Doe\\, John,ou=people,dc=example,dc=com",
    ]);
    expect(await run("$buildDn('uid', 'jdoe')")).toEqual(["uid=jdoe"]);
    expect(await run("$buildDn('uid', missing, 'dc=x')")).toEqual([]);
    const scope = toScope({ manager: ["cn=Doe\\, John,ou=people,dc=x"] }, () => false);
    expect(await run("$rdnValue(manager)", scope)).toEqual(["Doe, John"]);
    expect(await run("$parentDn(manager)", scope)).toEqual(["ou=people,dc=x"]);
    expect(await run("$rdnValue('cn=Caf\\\\C3\\\\A9,dc=x')")).toEqual(["Café"]);
    expect(await run("$parentDn('dc=com')")).toEqual([]);
    // An escaped trailing space is part of the value; a plain one is not.
    expect(await run("$rdnValue('cn=abc\\\\ ,dc=x') & '|'")).toEqual(["abc |"]);
    expect(await run("$rdnValue($buildDn('cn', ' #Doe;+ ', 'dc=x')) & '|'")).toEqual([" #Doe;+ |"]);
    expect(await run("$rdnValue('cn=a+uid=b,dc=x')")).toEqual(["a"]);
  });

  it("$dateFormat converts between the common shapes", async () => {
    expect(await run("$dateFormat('2024-03-09', 'dd/MM/yyyy')")).toEqual(["09/03/2024"]);
    expect(await run("$dateFormat('09/03/2024', 'yyyy-MM-dd')")).toEqual(["2024-03-09"]);
    expect(await run("$dateFormat('20240309', 'yyyy-MM-dd')")).toEqual(["2024-03-09"]);
    expect(await run("$dateFormat('20240309120000Z', 'yyyy-MM-dd HH:mm')")).toEqual(["2024-03-09 12:00"]);
    expect(await run("$dateFormat('20240309120000.0Z', 'iso')")).toEqual(["2024-03-09T12:00:00.000Z"]);
    expect(await run("$dateFormat('2024-03-09T10:30:00+02:00', 'generalized')")).toEqual(["20240309083000Z"]);
    expect(await run("$dateFormat('2024-03-09', 'yyyyMMddHHmmssZ')")).toEqual(["20240309000000Z"]);
    expect(await run("$dateFormat('03/09/2024', 'MM/dd/yyyy', 'yyyy-MM-dd')")).toEqual(["2024-03-09"]);
    expect(await run("$dateFormat('9.3.2024', \"d.M.yyyy\", \"yyyy-MM-dd'T'HH:mm:ss\")")).toEqual(["2024-03-09T00:00:00"]);
    expect(await run("$dateFormat(missing, 'iso')")).toEqual([]);
  });

  it("$normalize removes diacritics", async () => {
    expect(await run("$normalize(givenName & ' ' & sn)")).toEqual(["Zoe Lukasz-Muller"]);
    expect(await run("$normalize('Straße Ærø Çelik')")).toEqual(["Strasse AEro Celik"]);
    expect(await run("$lower($normalize($left(givenName,1) & sn))")).toEqual(["zlukasz-muller"]);
  });

  it("$bitAnd and $bitOr read and set flags of a word such as userAccountControl", async () => {
    const enabled = toScope({ userAccountControl: ["512"] }, () => false);
    const disabled = toScope({ userAccountControl: ["514"] }, () => false);
    expect(await run("$bitAnd(2, userAccountControl) = 2", disabled)).toEqual(["true"]);
    expect(await run("$bitAnd(2, userAccountControl) = 2", enabled)).toEqual(["false"]);
    expect(await run("$bitOr(2, userAccountControl)", enabled)).toEqual(["514"]);
    expect(await run("$bitAnd(4294967293, userAccountControl)", disabled)).toEqual(["512"]);
    expect(await run("$bitOr(2, missing)", enabled)).toEqual([]);
    await expect(run("$bitOr(2, 'x')", enabled)).rejects.toThrow(/\$bitOr: expected an integer, got "x"/);
  });
});

describe("$unique", () => {
  const takenSet = (values: string[]) => {
    const taken = new Set(values);
    const asked: string[] = [];
    return {
      asked,
      uniqueness: {
        async isTaken(value: string) {
          asked.push(value);
          return taken.has(value);
        },
      },
    };
  };

  it("returns the candidate when it is free", async () => {
    const { uniqueness } = takenSet([]);
    expect(await run("$unique('jdoe')", person, { uniqueness })).toEqual(["jdoe"]);
  });

  it("numbers the first candidate from 2 when taken", async () => {
    const { uniqueness, asked } = takenSet(["jdoe", "jdoe2"]);
    expect(await run("$unique($lower('J' & 'doe'))", person, { uniqueness })).toEqual(["jdoe3"]);
    expect(asked).toEqual(["jdoe", "jdoe2", "jdoe3"]);
  });

  it("tries every candidate before numbering the first", async () => {
    const { uniqueness } = takenSet(["zlukasz", "zoe.lukasz"]);
    const source = "$unique($lower($normalize($left(givenName,1) & $substringBefore(sn,'-'))), $lower($normalize(givenName & '.' & $substringBefore(sn,'-'))))";
    expect(await run(source, person, { uniqueness })).toEqual(["zlukasz2"]);
    const free = takenSet(["zlukasz"]);
    expect(await run(source, person, { uniqueness: free.uniqueness })).toEqual(["zoe.lukasz"]);
  });

  it("fails clearly without a checker, and gives nothing for no candidate", async () => {
    await expect(run("$unique('x')")).rejects.toThrow(/\$unique works in import flows only/);
    const { uniqueness } = takenSet([]);
    expect(await run("$unique(missing)", person, { uniqueness })).toEqual([]);
  });

  it("does not expose the checker itself to the expression", async () => {
    const { uniqueness } = takenSet([]);
    expect(await run("$uniqueness", person, { uniqueness })).toEqual([]);
  });
});

describe("sandbox", () => {
  const nothing = [
    "process",
    "$process",
    "require",
    "$require",
    "global",
    "$global",
    "globalThis",
    "$globalThis",
    "constructor",
    "$.constructor",
    "$lookup($, 'constructor')",
    "$lookup($, '__proto__')",
    "$lower.constructor",
    "(function($x){$x}).constructor",
    "$eval('process')",
    "$eval('constructor')",
  ];
  for (const source of nothing) {
    it(`${source} reaches nothing`, async () => {
      expect(await run(source)).toEqual([]);
    });
  }

  it("cannot call a Function constructor", async () => {
    // Either nothing comes back or JSONata refuses to call a non-function: never the process.
    const attempt = async (source: string) => {
      try {
        return await run(source);
      } catch (e) {
        expect(e).toBeInstanceOf(ExpressionError);
        return [];
      }
    };
    expect(await attempt("$.constructor.constructor('return process')()")).toEqual([]);
    expect(await attempt("$lower.constructor('return process')()")).toEqual([]);
    expect(await attempt("$string.constructor.constructor('return globalThis')()")).toEqual([]);
  });

  it("cannot pollute prototypes", async () => {
    await run("$merge([{}, {'__proto__': {'polluted': 'yes'}}])");
    await run("{'__proto__': {'polluted': 'yes'}}");
    await run("$ ~> |$|{'__proto__': {'polluted': 'yes'}}|");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
