// Evaluates rule expressions against a csentry or an mventry. Expressions compile once (cached by
// source in expressions.ts); a failing expression is an error on that object naming the rule.
import { compileExpression, toScope, type ExpressionBindings, type ExpressionScope } from "./expressions.ts";
import type { AttrValues, CsEntry, MvEntry } from "./types.ts";

/** A flow or rule failed for one object: the sync records it and goes on with the next object. */
export class RuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly rule: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "RuleError";
  }
}

function csScope(cs: Pick<CsEntry, "attrs">): ExpressionScope {
  return toScope(cs.attrs, (name) => (cs.attrs[name]?.length ?? 0) > 1);
}

function mvScope(mv: Pick<MvEntry, "attrs">, multi: (name: string) => boolean): ExpressionScope {
  return toScope(mv.attrs, multi);
}

async function run<T>(rule: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RuleError) throw e;
    throw new RuleError("expression-failed", `rule ${rule}: ${(e as Error).message}`, rule, { cause: e });
  }
}

export function evalCs(expression: string, rule: string, cs: Pick<CsEntry, "attrs" | "dn" | "anchor" | "objectType">, extra: ExpressionBindings = {}): Promise<string[]> {
  return run(rule, () =>
    compileExpression(expression, rule).evaluate(csScope(cs), { dn: cs.dn, anchor: cs.anchor ?? undefined, objectType: cs.objectType, ...extra }),
  );
}

export function evalCsBool(expression: string, rule: string, cs: Pick<CsEntry, "attrs" | "dn" | "anchor" | "objectType">): Promise<boolean> {
  return run(rule, () =>
    compileExpression(expression, rule).evaluateBoolean(csScope(cs), { dn: cs.dn, anchor: cs.anchor ?? undefined, objectType: cs.objectType }),
  );
}

export function evalMv(
  expression: string,
  rule: string,
  mv: Pick<MvEntry, "attrs" | "id" | "objectType">,
  multi: (name: string) => boolean,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  return run(rule, () => compileExpression(expression, rule).evaluate(mvScope(mv, multi), { objectType: mv.objectType, id: mv.id, ...extra }));
}

export function evalMvBool(expression: string, rule: string, mv: Pick<MvEntry, "attrs" | "id" | "objectType">, multi: (name: string) => boolean): Promise<boolean> {
  return run(rule, () => compileExpression(expression, rule).evaluateBoolean(mvScope(mv, multi), { objectType: mv.objectType, id: mv.id }));
}

export type { AttrValues };
