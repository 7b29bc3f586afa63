// The MA Designer's checks, shared by save (the whole draft) and Next (one page): each returns the
// problems of its part with the wizard page (`section`) and the place inside it (`path`).
import type { StepType } from "../engine/types.ts";
import { validateRules } from "../engine/rules-schema.ts";
import type { RunProfileInput } from "../schemas/ma-designer.ts";
import { configIssues, type ResolvedConfig } from "./ma-designer-connection.ts";
import { STEP_TYPES } from "./run-service.ts";
import { scheduleProblem } from "./cron.ts";

/** One reason a draft cannot be saved: `section` is the wizard part, `path` the place inside it. */
export interface DraftProblem {
  section: "general" | "connection" | "rules" | "runProfiles" | "safety";
  path: string;
  message: string;
  position?: number;
  /** connection settings: the wizard page of the setting (ConfigField.page). */
  page?: string;
}

/** The settings' problems, each with the page of its field (unplaced ones, e.g. cross-field rules, on `anchor`). */
export function configProblems(resolved: ResolvedConfig): DraftProblem[] {
  try {
    resolved.type.configSchema.parse(resolved.effective);
    return [];
  } catch (e) {
    return configIssues(e).map((i) => {
      const field = resolved.type.fields.find((f) => f.name === i.path.split(".")[0]);
      // zod's words for a missing setting ("expected string, received undefined") say less than this
      const message = /received undefined$/.test(i.message) ? "a value is required" : i.message;
      return { section: "connection", path: `config.${i.path}`, message, page: field ? (field.page ?? "connect") : "anchor" };
    });
  }
}

export function rulesProblems(rules: unknown): DraftProblem[] {
  const result = validateRules(rules);
  return result.ok ? [] : result.errors.map((r) => ({ section: "rules", path: `rules.${r.path}`, message: r.message, ...(r.position !== undefined ? { position: r.position } : {}) }));
}

export function runProfileProblems(profiles: RunProfileInput[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const names = new Set<string>();
  profiles.forEach((p, i) => {
    const where = `runProfiles[${i}]`;
    if (names.has(p.name)) problems.push({ section: "runProfiles", path: `${where}.name`, message: `duplicate run profile name "${p.name}"` });
    names.add(p.name);
    p.steps.forEach((s, j) => {
      if (!STEP_TYPES.includes(s.type as StepType)) {
        problems.push({ section: "runProfiles", path: `${where}.steps[${j}].type`, message: `unknown step type "${s.type}" (known: ${STEP_TYPES.join(", ")})` });
      }
    });
    const bad = p.schedule ? scheduleProblem(p.schedule) : null;
    if (bad) problems.push({ section: "runProfiles", path: `${where}.schedule`, message: `invalid schedule "${p.schedule}": ${bad}` });
  });
  return problems;
}
