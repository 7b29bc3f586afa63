// The rule pages and the rules sections each one edits; where a rule path belongs; and whether the
// YAML view's text can stand for the rules (it must parse, else the rules object is stale).
import type { MaRules } from "../../../lib/engine/rules.ts";
import { parseRulesText } from "../rules-yaml.ts";

export type RulesTopic = "connector-filter" | "join-projection" | "attribute-flow" | "deprovisioning" | "provisioning";

export const RULE_TOPIC_SECTIONS: Record<RulesTopic, (keyof MaRules)[]> = {
  "connector-filter": ["connectorFilters"],
  "join-projection": ["joinProjection"],
  "attribute-flow": ["importFlows", "exportFlows"],
  deprovisioning: ["deprovision", "deleteMvOnDisconnect"],
  provisioning: ["provisioning"],
};

/** `importFlows[1].expression` -> `importFlows`. */
export const sectionOf = (path: string) => path.split(/[.[]/)[0];

/** The rule page of a rule path (`importFlows[1].expression`, or `rules.importFlows[1]` from a save refusal). */
export function topicOfRulePath(path: string): RulesTopic | undefined {
  const section = sectionOf(path.replace(/^rules\./, ""));
  return (Object.keys(RULE_TOPIC_SECTIONS) as RulesTopic[]).find((t) => (RULE_TOPIC_SECTIONS[t] as string[]).includes(section));
}

/** Why the wizard cannot save while the YAML view holds text that does not parse (its rules would be stale); null when it can. */
export function unparsedYamlProblems(yaml: string | null): { path: string; message: string }[] | null {
  if (yaml === null) return null;
  const parsed = parseRulesText(yaml);
  return parsed.ok ? null : parsed.problems.map((p) => ({ path: p.path, message: p.mark ? `${p.message} (line ${p.mark.line}, column ${p.mark.column})` : p.message }));
}
