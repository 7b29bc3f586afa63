// Validation of MA rules (rules.ts): shape with zod, then every expression compiled so a rule that
// cannot run is refused when it is saved, naming the rule path and the character position.

import { z } from "zod";
import { compileExpression, ExpressionError, uniqueCallAt } from "./expressions.ts";
import type { MaRules } from "./rules.ts";

const name = z.string().trim().min(1, "is required");
const expression = z.string().trim().min(1, "is required");

const connectorFilterSchema = z.strictObject({ objectType: name, condition: expression });

const joinMappingSchema = z
  .strictObject({ cs: name.optional(), expression: expression.optional(), mv: name })
  .refine((m) => (m.cs === undefined) !== (m.expression === undefined), {
    message: "needs either cs (an attribute) or expression, not both",
  });

const joinRuleSchema = z.strictObject({
  mappings: z.array(joinMappingSchema).min(1, "a join rule needs at least one mapping"),
  ignoreCase: z.boolean().optional(),
});

const joinProjectionSchema = z.strictObject({
  objectType: name,
  mvObjectType: name,
  join: z.array(joinRuleSchema).optional(),
  project: z.boolean().optional(),
  projectCondition: expression.optional(),
});

const importFlowSchema = z
  .strictObject({
    objectType: name,
    mvObjectType: name,
    mv: name,
    cs: name.optional(),
    expression: expression.optional(),
    precedence: z.number().int().min(0).optional(),
  })
  .refine((f) => (f.cs === undefined) !== (f.expression === undefined), {
    message: "needs either cs (a direct flow) or expression, not both",
  });

const exportFlowSchema = z
  .strictObject({
    objectType: name,
    mvObjectType: name,
    cs: name,
    mv: name.optional(),
    expression: expression.optional(),
    allowNull: z.boolean().optional(),
  })
  .refine((f) => (f.mv === undefined) !== (f.expression === undefined), {
    message: "needs either mv (a direct flow) or expression, not both",
  });

const provisioningSchema = z.strictObject({
  name,
  mvObjectType: name,
  condition: expression.optional(),
  objectType: name,
  dn: expression,
  anchor: expression.optional(),
  initial: z.record(name, expression).optional(),
});

/** The zod schema of MaRules (shape only; validateRules also compiles the expressions). */
export const maRulesSchema = z
  .strictObject({
    connectorFilters: z.array(connectorFilterSchema).optional(),
    joinProjection: z.array(joinProjectionSchema).optional(),
    importFlows: z.array(importFlowSchema).optional(),
    exportFlows: z.array(exportFlowSchema).optional(),
    provisioning: z
      .array(provisioningSchema)
      .optional()
      .refine((rules) => !rules || new Set(rules.map((r) => r.name)).size === rules.length, {
        message: "provisioning rule names must be unique",
      }),
    deprovision: z.enum(["disconnector", "explicit-disconnector", "delete"]).optional(),
    deleteMvOnDisconnect: z.boolean().optional(),
  }) satisfies z.ZodType<MaRules>;

/** One problem in a rules document; `path` like `provisioning[0].dn`, `position` inside an expression. */
export interface RulesError {
  path: string;
  message: string;
  position?: number;
}

export type ValidateRulesResult = { ok: true; rules: MaRules } | { ok: false; errors: RulesError[] };

/** `["provisioning", 0, "dn"]` -> `provisioning[0].dn`. */
export function formatRulePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "(rules)";
}

/** Every expression of the rules with its path, in document order. */
export function listRuleExpressions(rules: MaRules): { path: string; source: string }[] {
  const out: { path: string; source: string }[] = [];
  const add = (path: string, source: string | undefined) => {
    if (source !== undefined) out.push({ path, source });
  };
  rules.connectorFilters?.forEach((r, i) => add(`connectorFilters[${i}].condition`, r.condition));
  rules.joinProjection?.forEach((r, i) => {
    r.join?.forEach((j, k) =>
      j.mappings.forEach((m, l) => add(`joinProjection[${i}].join[${k}].mappings[${l}].expression`, m.expression)),
    );
    add(`joinProjection[${i}].projectCondition`, r.projectCondition);
  });
  rules.importFlows?.forEach((r, i) => add(`importFlows[${i}].expression`, r.expression));
  rules.exportFlows?.forEach((r, i) => add(`exportFlows[${i}].expression`, r.expression));
  rules.provisioning?.forEach((r, i) => {
    add(`provisioning[${i}].condition`, r.condition);
    add(`provisioning[${i}].dn`, r.dn);
    add(`provisioning[${i}].anchor`, r.anchor);
    for (const [attr, source] of Object.entries(r.initial ?? {})) add(`provisioning[${i}].initial.${attr}`, source);
  });
  return out;
}

/** Why `$unique` is refused outside import flows (what it checks is the metaverse attribute the flow writes). */
export const UNIQUE_ONLY_INBOUND =
  "$unique works in import flows only: it checks the metaverse attribute the flow writes (and the values handed out earlier in the run); compute the unique value there and export that attribute";

/**
 * Validates a rules document: its shape, then every expression (conditions, flows, join expressions,
 * provisioning dn/anchor/initial values). Returns every problem found, not just the first, so the
 * MA Designer can mark all of them at once.
 */
export function validateRules(input: unknown): ValidateRulesResult {
  const parsed = maRulesSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ path: formatRulePath(issue.path), message: issue.message })),
    };
  }
  const rules = parsed.data as MaRules;
  const errors: RulesError[] = [];
  for (const { path, source } of listRuleExpressions(rules)) {
    try {
      // No `where`: the path travels in its own field, the message stays short for the form.
      compileExpression(source);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      errors.push({ path, message: e.message, position: e.position });
      continue;
    }
    const unique = uniqueCallAt(source);
    if (unique >= 0 && !path.startsWith("importFlows[")) errors.push({ path, message: UNIQUE_ONLY_INBOUND, position: unique });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rules };
}
