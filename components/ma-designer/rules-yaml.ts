// The rules editor's text: YAML in, a rules object out, and where in the text a rule problem is
// (the expression's character position mapped into the YAML source, line and column for the user).
import YAML, { isScalar, type Document } from "yaml";
import type { RuleProblemView } from "../../lib/dto/ma-designer.ts";
import { pathParts } from "../../lib/schemas/yaml-place.ts";

export interface TextMark {
  /** offset of the marked character in the YAML text. */
  offset: number;
  line: number;
  column: number;
}

export interface RulesTextProblem extends RuleProblemView {
  mark?: TextMark;
}

export type ParsedRules = { ok: true; rules: Record<string, unknown>; doc: Document } | { ok: false; problems: RulesTextProblem[] };

export function markAt(text: string, offset: number): TextMark {
  const o = Math.max(0, Math.min(offset, Math.max(0, text.length - 1)));
  const before = text.slice(0, o);
  const line = before.split("\n").length;
  return { offset: o, line, column: o - before.lastIndexOf("\n") };
}

export function parseRulesText(text: string): ParsedRules {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: "YAML", message: e.message.split("\n")[0], ...(e.pos ? { mark: markAt(text, e.pos[0]) } : {}) })),
    };
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problems: [{ path: "(rules)", message: "the rules are a YAML mapping (connectorFilters:, joinProjection:, importFlows: ...)" }] };
  }
  return { ok: true, rules: value as Record<string, unknown>, doc };
}

export function rulesToText(rules: Record<string, unknown>): string {
  return Object.keys(rules).length ? YAML.stringify(rules) : "{}\n";
}


/** Offset in the source of the character at `pos` of a scalar's value. */
function scalarOffset(text: string, type: string | undefined, start: number, end: number, pos: number): number {
  if (type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE") {
    let i = start + 1;
    for (let n = 0; n < pos && i < end; n++) {
      if (type === "QUOTE_SINGLE" && text[i] === "'" && text[i + 1] === "'") i += 2;
      else if (type === "QUOTE_DOUBLE" && text[i] === "\\") i += 2;
      else i += 1;
    }
    return i;
  }
  if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") {
    const src = text.slice(start, end);
    const lines = src.split("\n").slice(1);
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    let remaining = pos;
    let offset = start + src.indexOf("\n") + 1;
    for (const l of lines) {
      const content = l.slice(Number.isFinite(indent) ? indent : 0);
      if (remaining <= content.length) return offset + (Number.isFinite(indent) ? indent : 0) + remaining;
      remaining -= content.length + 1;
      offset += l.length + 1;
    }
    return end;
  }
  return start + pos;
}

/** Where a problem from the server sits in the text: the expression position, else the rule's start. */
export function locate(text: string, doc: Document, problem: RuleProblemView): RulesTextProblem {
  const parts = pathParts(problem.path);
  for (let n = parts.length; n > 0; n--) {
    const node = doc.getIn(parts.slice(0, n), true) as { range?: [number, number, number]; type?: string } | undefined;
    if (!node?.range) continue;
    // JSONata's position is just past the offending token: mark the character before it.
    if (n === parts.length && isScalar(node) && problem.position !== undefined) {
      const at = scalarOffset(text, node.type, node.range[0], node.range[1], Math.max(0, problem.position - 1));
      return { ...problem, mark: markAt(text, at) };
    }
    return { ...problem, mark: markAt(text, node.range[0]) };
  }
  return problem;
}
