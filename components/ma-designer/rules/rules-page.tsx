"use client";
// One rule page of the wizard (Connector filter, Join and projection, Attribute flow, Deprovisioning,
// Provisioning): its form, or "Edit as YAML", the advanced view of the same rules (the whole document,
// every section). Both edit one rules object: valid YAML updates it as it is typed, and the forms show
// what the YAML holds. The live check marks problems in the forms at their field, in the YAML at
// their line and column.
import { useMemo, useState, type ComponentType } from "react";
import type { MaRules } from "../../../lib/engine/rules.ts";
import { RulesEditor } from "../rules-editor.tsx";
import { locate, parseRulesText, rulesToText } from "../rules-yaml.ts";
import { AttributeFlowPage } from "./page-attribute-flow.tsx";
import { ConnectorFilterPage } from "./page-connector-filter.tsx";
import { DeprovisioningPage } from "./page-deprovisioning.tsx";
import { JoinProjectionPage } from "./page-join-projection.tsx";
import { ProvisioningPage } from "./page-provisioning.tsx";
import type { RulePageProps, RulesPageContext } from "./rules-context.ts";
import { RulesReference } from "./rules-reference.tsx";
import { sectionOf, sectionsOf, type RulesTopic } from "./rules-topics.ts";
import { useRulesCheck, type CheckRules } from "./use-rules-check.ts";

export type { RulesTopic };

const PAGES: Record<RulesTopic, ComponentType<RulePageProps>> = {
  connectorFilter: ConnectorFilterPage,
  joinProjection: JoinProjectionPage,
  attributeFlow: AttributeFlowPage,
  deprovisioning: DeprovisioningPage,
  provisioning: ProvisioningPage,
};

export interface RulesPageProps {
  topic: RulesTopic;
  rules: MaRules;
  onChange: (rules: MaRules) => void;
  /** everything but the problems, which this page gets from the live check. */
  context: Omit<RulesPageContext, "problems">;
  check: CheckRules;
  /**
   * The YAML view's text, null for the forms. Held by the wizard so that the view chosen (and the
   * text as typed, comments included) stays the same from one rule page to the next; without these
   * two props the page keeps it itself.
   */
  yaml?: string | null;
  onYamlChange?: (text: string | null) => void;
}

function Problems({ problems, checking, failure, sections }: { problems: RulesPageContext["problems"]; checking: boolean; failure: string | null; sections: string[] }) {
  const here = problems.filter((p) => sections.includes(sectionOf(p.path)));
  const elsewhere = problems.length - here.length;
  return (
    <div className="flex flex-col gap-1 text-xs" aria-live="polite">
      <div data-testid="rules-status">
        {checking ? <span className="text-slate-500">Checking…</span>
          : failure ? <span className="text-red-700">{failure}</span>
          : problems.length === 0 ? <span className="text-emerald-700">Rules are valid.</span>
          : <span className="text-red-700">{problems.length} problem{problems.length === 1 ? "" : "s"}{elsewhere ? ` (${elsewhere} on other rule pages)` : ""}</span>}
      </div>
      {problems.length ? (
        <ul aria-label="Rule problems" className="flex flex-col gap-0.5">
          {problems.map((p, i) => (
            <li key={i} className="text-red-800" data-testid="rule-problem">
              <code className="font-semibold">{p.path}</code>: {p.message}{p.position !== undefined ? ` (expression position ${p.position})` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function RulesPage({ topic, rules, onChange, context, check, ...view }: RulesPageProps) {
  const { problems, checking, failure } = useRulesCheck(rules, check);
  const [ownYaml, setOwnYaml] = useState<string | null>(null);
  const yaml = view.onYamlChange ? (view.yaml ?? null) : ownYaml;
  const setYaml = view.onYamlChange ?? setOwnYaml;
  const parsed = useMemo(() => (yaml === null ? null : parseRulesText(yaml)), [yaml]);
  const Page = PAGES[topic];

  const onText = (text: string) => {
    setYaml(text);
    const p = parseRulesText(text);
    if (p.ok) onChange(p.rules as MaRules);
  };
  const yamlProblems = yaml === null || !parsed ? [] : parsed.ok ? problems.map((p) => locate(yaml, parsed.doc, p)) : parsed.problems;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-end gap-2">
        {yaml !== null && parsed && !parsed.ok ? <span className="text-xs text-red-700">Fix the YAML to go back to the forms.</span> : null}
        <button type="button" aria-pressed={yaml !== null} disabled={yaml !== null && !!parsed && !parsed.ok}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:text-slate-400"
          onClick={() => setYaml(yaml === null ? rulesToText(rules as Record<string, unknown>) : null)}>
          {yaml === null ? "Edit as YAML" : "Back to the forms"}
        </button>
      </div>
      {yaml === null ? (
        <>
          <Problems problems={problems} checking={checking} failure={failure} sections={sectionsOf(topic)} />
          <Page rules={rules} onChange={onChange} context={{ ...context, problems }} />
        </>
      ) : (
        <div className="grid gap-4 xl:grid-cols-[1fr_18rem]">
          <RulesEditor text={yaml} problems={yamlProblems} checking={checking && !!parsed?.ok} onChange={onText} />
          <RulesReference context={context} />
        </div>
      )}
    </div>
  );
}
