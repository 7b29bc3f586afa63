// The expression layer of MA rules: JSONata, sandboxed, with identity helpers.
//
// Why JSONata: a declarative language with its own parser and evaluator, so rules never reach eval,
// the module system or the process (property lookups only see an object's own data). Evaluation is
// bounded (stack depth and wall-clock guardrails) so a runaway rule fails one object, not the run.
//
// Scope: the object's attributes are the input document (`givenName`, `` `first-name` `` for names
// that are not identifiers), single-valued -> string, multi-valued -> string[]; `$dn`, `$anchor`,
// `$objectType` and any other `extra` entries are variables.
//
// Helpers (besides JSONata's own $split, $join, $substring, $contains, $replace, $toMillis, ...):
//   $lower(s) $upper(s) $trim(s)       case and plain trim; map over arrays
//   $left(s, n) $right(s, n)           first / last n characters
//   $coalesce(a, b, ...)               first argument that is not empty/absent
//   $escapeDn(v) $buildDn(attr, v, parent) $rdnValue(dn) $parentDn(dn)   RFC 4514 DN handling
//   $dateFormat(v, to) $dateFormat(v, from, to)   date conversion (see expression-dates.ts); patterns
//       use yyyy MM dd HH mm ss SSS Z and 'literals', or "iso" / "generalized"
//   $normalize(s)                      remove diacritics (Zoë Łukasz -> Zoe Lukasz)
//   $unique(c1, c2, ...)               first candidate not taken, else c1 & "2", c1 & "3", ...; needs
//       `extra.uniqueness: { isTaken(value): Promise<boolean> }`. The engine passes one in import
//       flows (unique-values.ts: the metaverse attribute the flow writes, plus values handed out
//       earlier in the same run); elsewhere the rules validator refuses it.

import jsonata from "jsonata";
import { BAIL, compileFastPath, type FastEvaluator } from "./expression-fast-path.ts";
import { helperFunctions } from "./expression-functions.ts";
import type { AttrValues } from "./types.ts";

/** The input document of an expression: attribute name -> string (single) or string[] (multi). */
export type ExpressionScope = Record<string, string | string[] | undefined>;

/** Where `source` calls `$unique` (-1: it does not): the engine gives such expressions a checker. */
export function uniqueCallAt(source: string): number {
  return source.indexOf("$unique(");
}

/** Checks candidate values for `$unique`. */
export interface UniquenessChecker {
  /** true when `value` is already used (and so `$unique` must try the next candidate). */
  isTaken(value: string): Promise<boolean>;
}

/** Variables bound for one evaluation: `dn`, `anchor`, `objectType`, `uniqueness`, anything else. */
export type ExpressionBindings = Record<string, unknown> & { uniqueness?: UniquenessChecker };

export type ExpressionErrorCode = "invalid-expression" | "expression-failed";

/** A rule expression that does not parse (`invalid-expression`) or failed on one object (`expression-failed`). */
export class ExpressionError extends Error {
  /** `invalid-expression` at compile time, `expression-failed` at evaluation. */
  readonly code: ExpressionErrorCode;
  /** character offset in the expression source, as JSONata reports it: just past the offending token. */
  readonly position?: number;
  /** the rule that holds the expression, e.g. `importFlows[2]`. */
  readonly where?: string;
  /** JSONata's error code (S0201, T2001, ...), for support. */
  readonly jsonataCode?: string;
  constructor(
    code: ExpressionErrorCode,
    message: string,
    options: { position?: number; where?: string; jsonataCode?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ExpressionError";
    this.code = code;
    this.position = options.position;
    this.where = options.where;
    this.jsonataCode = options.jsonataCode;
  }
}

/** One compiled expression, cheap to evaluate many times. */
export interface CompiledExpression {
  readonly source: string;
  /** evaluates and normalises the result to string values (absent -> []). */
  evaluate(scope: ExpressionScope, extra?: ExpressionBindings): Promise<string[]>;
  /** evaluates to a boolean with JSONata's truthiness ($boolean). */
  evaluateBoolean(scope: ExpressionScope, extra?: ExpressionBindings): Promise<boolean>;
  /** the raw JSONata result, for callers that need objects (previews, tests). */
  evaluateRaw(scope: ExpressionScope, extra?: ExpressionBindings): Promise<unknown>;
}

/** Guardrails: deep enough for any sane rule, small enough to stop runaway recursion quickly. */
const JSONATA_OPTIONS = { stack: 500, timeout: 5_000 };
/** `$unique` gives up after this many numbered candidates (a bug, not a crowded namespace). */
const UNIQUE_MAX_SUFFIX = 10_000;
/** Bounded so that rules edited many times in a long-running server do not grow the cache forever. */
const CACHE_LIMIT = 5_000;

const cache = new Map<string, jsonata.Expression>();
/** The fast-path evaluator of each cached expression (null: JSONata evaluates it). */
const fastPaths = new WeakMap<jsonata.Expression, FastEvaluator | null>();

interface JsonataErrorLike {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

function describe(where: string | undefined): string {
  return where ? `rule "${where}": ` : "";
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** Sources that do not parse, so a bad rule met on every object fails fast instead of re-parsing. */
const failures = new Map<string, JsonataErrorLike>();

function parse(source: string, where?: string): jsonata.Expression {
  const hit = cache.get(source);
  if (hit) return hit;
  let expr: jsonata.Expression | undefined;
  let failure = failures.get(source);
  if (!failure) {
    try {
      expr = jsonata(source, JSONATA_OPTIONS);
    } catch (err) {
      const e = err as JsonataErrorLike;
      failure = { code: e.code, position: e.position, message: e.message ?? String(err) };
      remember(failures, source, failure);
    }
  }
  if (!expr) {
    const position = typeof failure?.position === "number" ? failure.position : undefined;
    throw new ExpressionError(
      "invalid-expression",
      `${describe(where)}syntax error${position !== undefined ? ` at position ${position}` : ""}: ${failure?.message}`,
      { position, where, jsonataCode: failure?.code },
    );
  }
  for (const h of helperFunctions) expr.registerFunction(h.name, h.implementation, h.signature);
  fastPaths.set(expr, compileFastPath(expr.ast()));
  remember(cache, source, expr);
  return expr;
}

/** `$unique` for one evaluation, closed over the caller's checker. */
function uniqueFunction(checker: UniquenessChecker | undefined) {
  return async (...args: unknown[]): Promise<string | undefined> => {
    const candidates = args
      .flat(Infinity)
      .filter((v) => v !== undefined && v !== null && String(v) !== "")
      .map(String);
    if (candidates.length === 0) return undefined;
    if (!checker) throw new Error("$unique works in import flows only (it checks the metaverse attribute the flow writes)");
    for (const c of candidates) if (!(await checker.isTaken(c))) return c;
    const base = candidates[0]!;
    for (let n = 2; n <= UNIQUE_MAX_SUFFIX; n++) {
      const c = `${base}${n}`;
      if (!(await checker.isTaken(c))) return c;
    }
    throw new Error(`$unique: no free value for "${base}" up to "${base}${UNIQUE_MAX_SUFFIX}"`);
  };
}

function bindingsFor(extra: ExpressionBindings | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (extra) {
    for (const [key, value] of Object.entries(extra)) {
      if (key === "uniqueness") continue; // only reachable through $unique
      out[key.startsWith("$") ? key.slice(1) : key] = value;
    }
  }
  out.unique = uniqueFunction(extra?.uniqueness);
  return out;
}

/** Flattens a JSONata result into attribute values: absent -> [], scalars -> String, "" dropped. */
export function toValues(result: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (v === undefined || v === null || typeof v === "function") return;
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === "string") {
      if (v !== "") out.push(v);
    } else if (typeof v === "number" || typeof v === "boolean") out.push(String(v));
    else out.push(JSON.stringify(v));
  };
  visit(result);
  return out;
}

/** JSONata's $boolean semantics. */
export function toBoolean(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length === 1 ? toBoolean(v[0]) : v.some(toBoolean);
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "boolean") return v;
  if (typeof v === "function") return false;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return false;
}

/**
 * Compiles (or fetches from the cache) a JSONata expression. `where` names the rule for errors.
 * @throws ExpressionError `invalid-expression` with the character position when it does not parse.
 */
export function compileExpression(source: string, where?: string): CompiledExpression {
  const key = `${where ?? ""}\0${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const made = build(source, where);
  remember(compiled, key, made);
  return made;
}

/** Compiled expressions by rule and source: a sync asks for the same few on every object. */
const compiled = new Map<string, CompiledExpression>();

function build(source: string, where?: string): CompiledExpression {
  const expr = parse(source, where);
  const fast = fastPaths.get(expr) ?? null;
  const evaluateRaw = async (scope: ExpressionScope, extra?: ExpressionBindings): Promise<unknown> => {
    if (fast) {
      const value = fast(scope, extra);
      if (value !== BAIL) return value;
    }
    try {
      return await expr.evaluate(scope, bindingsFor(extra));
    } catch (err) {
      const e = err as JsonataErrorLike;
      const position = typeof e.position === "number" ? e.position : undefined;
      throw new ExpressionError(
        "expression-failed",
        `${describe(where)}evaluation failed${position !== undefined ? ` at position ${position}` : ""}: ${e.message ?? String(err)}`,
        { position, where, jsonataCode: e.code, cause: err },
      );
    }
  };
  return {
    source,
    evaluateRaw,
    evaluate: async (scope, extra) => toValues(await evaluateRaw(scope, extra)),
    evaluateBoolean: async (scope, extra) => toBoolean(await evaluateRaw(scope, extra)),
  };
}

/**
 * Builds the input document of an expression from attribute values. Single-valued attributes give
 * their first value (a stray second value is ignored: expressions rely on the declared shape),
 * multi-valued ones an array; empty attributes are left out so they read as absent.
 * The object has no prototype so an attribute named `constructor` or `__proto__` is plain data.
 */
export function toScope(attrs: AttrValues, multiValued: (name: string) => boolean): ExpressionScope {
  const scope = Object.create(null) as ExpressionScope;
  for (const [name, values] of Object.entries(attrs)) {
    if (!values || values.length === 0) continue;
    scope[name] = multiValued(name) ? [...values] : values[0];
  }
  return scope;
}

/** Empties the compiled-expression cache (tests, and after bulk rule edits). */
export function clearExpressionCache(): void {
  cache.clear();
  compiled.clear();
  failures.clear();
}
