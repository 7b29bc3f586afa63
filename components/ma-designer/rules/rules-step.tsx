"use client";
// A rule page as the wizard places it: builds the pages' context from what the wizard holds (the
// metaverse model, the discovered schema and its preview objects, the MA's id and name) and the
// designer's actions.
import { useMemo } from "react";
import type { ActionResult } from "../../../lib/dto/action-result.ts";
import type { RuleProblemView, SchemaDiscoveryView } from "../../../lib/dto/ma-designer.ts";
import type { MvObjectTypeView } from "../../../lib/dto/metaverse.ts";
import type { MaRules } from "../../../lib/engine/rules.ts";
import type { RulePageActions, RulesPageContext } from "./rules-context.ts";
import { RulesPage, type RulesTopic } from "./rules-page.tsx";

export interface RulesStepProps {
  topic: RulesTopic;
  rules: MaRules;
  onChange: (rules: MaRules) => void;
  model: MvObjectTypeView[];
  schema: SchemaDiscoveryView | null;
  maId?: string;
  maName: string;
  actions: RulePageActions & { checkRules: (input: { rules: unknown }) => Promise<ActionResult<RuleProblemView[]>> };
  /** the YAML view's text (null: the forms), kept by the wizard across the rule pages. */
  yaml: string | null;
  onYamlChange: (text: string | null) => void;
}

export function RulesStep({ topic, rules, onChange, model, schema, maId, maName, actions, yaml, onYamlChange }: RulesStepProps) {
  const { previewExpression, importPrecedence, checkRules } = actions;
  const context = useMemo<Omit<RulesPageContext, "problems">>(() => ({
    ...(maId ? { maId } : {}),
    maName,
    csTypes: schema?.ok ? schema.objectTypes.map((t) => ({ name: t.name, attributes: t.attributes.map((a) => a.name) })) : [],
    model,
    samples: schema?.ok ? schema.preview.filter((p) => p.kind === "object") : [],
    actions: { previewExpression, importPrecedence },
  }), [maId, maName, schema, model, previewExpression, importPrecedence]);
  return <RulesPage topic={topic} rules={rules} onChange={onChange} context={context} check={checkRules} yaml={yaml} onYamlChange={onYamlChange} />;
}
