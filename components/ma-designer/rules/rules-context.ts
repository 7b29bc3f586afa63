// The contract between the wizard and its rule pages: each page gets the rules, a setter for the
// whole rules object, and this context (what the forms offer as choices, the live problems of the
// rules check, samples for expression previews, and the two read-only actions the pages call).
import type { ActionResult } from "../../../lib/dto/action-result.ts";
import type { PreviewItemView, RuleProblemView } from "../../../lib/dto/ma-designer.ts";
import type { AttributePrecedenceView, ExpressionPreviewView } from "../../../lib/dto/ma-designer-rules.ts";
import type { MvObjectTypeView } from "../../../lib/dto/metaverse.ts";
import type { MaRules } from "../../../lib/engine/rules.ts";
import type { ExpressionPreviewInput, PrecedenceInput } from "../../../lib/schemas/ma-designer-rules.ts";

export interface RulePageActions {
  previewExpression: (input: ExpressionPreviewInput) => Promise<ActionResult<ExpressionPreviewView>>;
  importPrecedence: (input: PrecedenceInput) => Promise<ActionResult<AttributePrecedenceView[]>>;
}

export interface CsTypeChoice {
  name: string;
  attributes: string[];
}

export interface RulesPageContext {
  /** the MA being edited; absent while creating one. */
  maId?: string;
  maName: string;
  /** csentry object types and their attributes (the discovered schema, plus types the rules already name). */
  csTypes: CsTypeChoice[];
  /** the metaverse model (object types and attributes). */
  model: MvObjectTypeView[];
  /** csentries of the connection preview: the samples csentry expressions are previewed on. */
  samples: PreviewItemView[];
  /** the live problems of the whole rules document (server check), by rule path. */
  problems: RuleProblemView[];
  actions: RulePageActions;
}

export interface RulePageProps {
  rules: MaRules;
  onChange: (rules: MaRules) => void;
  context: RulesPageContext;
}

/**
 * A rules list the forms can edit: anything but an array (YAML typed by hand) reads as empty, an item
 * that is not an object as an empty rule (kept in its place, so rule paths stay those of the check).
 */
export function listOf<T>(v: T[] | undefined): T[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => (x && typeof x === "object" ? x : ({} as T)));
}

/** The list with item `i` replaced. */
export function replaceAt<T>(list: T[], i: number, item: T): T[] {
  return list.map((x, j) => (j === i ? item : x));
}

export function removeAt<T>(list: T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

/** Moves item `i` by `by` places (-1 up, +1 down); out of range leaves the list as it is. */
export function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** The rules with `key` set, or removed when the list is empty (so the YAML view stays short). */
export function withList<K extends keyof MaRules>(rules: MaRules, key: K, value: MaRules[K]): MaRules {
  const out = { ...rules };
  if (Array.isArray(value) && value.length === 0) delete out[key];
  else out[key] = value;
  return out;
}

/** The csentry object types the pages offer: the discovered ones, then any other the rules name. */
export function csTypeNames(context: RulesPageContext, rules: MaRules): string[] {
  const names = context.csTypes.map((t) => t.name);
  const more = [
    ...listOf(rules.connectorFilters).map((r) => r.objectType),
    ...listOf(rules.joinProjection).map((r) => r.objectType),
    ...listOf(rules.importFlows).map((r) => r.objectType),
    ...listOf(rules.exportFlows).map((r) => r.objectType),
    ...listOf(rules.provisioning).map((r) => r.objectType),
  ];
  return [...new Set([...names, ...more.filter((n) => typeof n === "string" && n)])];
}

/** Problems at exactly `path` (a field) in the live check. */
export function problemsAt(context: RulesPageContext, path: string): RuleProblemView[] {
  return context.problems.filter((p) => p.path === path);
}

/** The first sample csentry of an object type from the connection preview. */
export function sampleOf(context: RulesPageContext, objectType: string): PreviewItemView | undefined {
  return context.samples.find((s) => s.kind === "object" && s.objectType === objectType);
}
