// The rule pages of the wizard and the rules sections each one edits (RULE_SECTION_PAGE, the map the
// server's page check uses too), and whether the YAML view's text can stand for the rules (it must
// parse, else the rules object is stale).
import { RULE_SECTION_PAGE, type MaWizardPage } from "../../../lib/schemas/ma-designer-pages.ts";
import { parseRulesText } from "../rules-yaml.ts";

export const RULES_TOPICS = ["connectorFilter", "joinProjection", "attributeFlow", "deprovisioning", "provisioning"] as const satisfies readonly MaWizardPage[];
export type RulesTopic = (typeof RULES_TOPICS)[number];

export const isRulesTopic = (page: string): page is RulesTopic => (RULES_TOPICS as readonly string[]).includes(page);

/** `importFlows[1].expression` -> `importFlows`. */
export const sectionOf = (path: string) => path.split(/[.[]/)[0];

/** The rules sections a page edits (`attributeFlow` -> importFlows, exportFlows). */
export function sectionsOf(topic: RulesTopic): string[] {
  return Object.keys(RULE_SECTION_PAGE).filter((section) => RULE_SECTION_PAGE[section] === topic);
}

/** Why the wizard cannot go on or save while the YAML view holds text that does not parse (its rules would be stale); null when it can. */
export function unparsedYamlProblems(yaml: string | null): { path: string; message: string }[] | null {
  if (yaml === null) return null;
  const parsed = parseRulesText(yaml);
  return parsed.ok ? null : parsed.problems.map((p) => ({ path: p.path, message: p.mark ? `${p.message} (line ${p.mark.line}, column ${p.mark.column})` : p.message }));
}
