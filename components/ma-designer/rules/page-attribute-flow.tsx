"use client";
// Attribute flow page: import flows (csentry -> mventry, with precedence) and export flows
// (mventry -> csentry, with allowNull), grouped by object type pair as in MIM's designer; each flow
// direct (an attribute) or an expression. Below, the import precedence across MAs.
import { useState } from "react";
import type { ExportFlowRule, ImportFlowRule, MaRules } from "../../../lib/engine/rules.ts";
import { Input, Select } from "../../ui/form.tsx";
import { CS_TYPES_LIST, MV_TYPES_LIST, NameChoices, NameInput, csAttrsList, mvAttrsList } from "./name-choices.tsx";
import { ExpressionField } from "./expression-field.tsx";
import { PrecedencePanel } from "./precedence-panel.tsx";
import { AddButton, RowButtons, RowProblems } from "./row-buttons.tsx";
import { csTypeNames, listOf, problemsAt, removeAt, replaceAt, withList, type RulePageProps, type RulesPageContext } from "./rules-context.ts";

const COLUMNS = "hidden gap-2 text-[11px] font-medium uppercase tracking-wide text-slate-400 sm:grid sm:grid-cols-[8.5rem_1fr_1.2rem_11rem_6rem_auto]";

/** Column names over a flow list (the inputs carry their own labels for screen readers). */
function Columns({ names }: { names: [string, string, string, string] }) {
  return (
    <div aria-hidden className={COLUMNS}>
      <span>{names[0]}</span><span>{names[1]}</span><span /><span>{names[2]}</span><span>{names[3]}</span><span />
    </div>
  );
}

interface Pair {
  objectType: string;
  mvObjectType: string;
}

/** The object type pairs the flows use, in order of first use. */
function pairsOf(rules: MaRules): Pair[] {
  const out: Pair[] = [];
  for (const f of [...listOf(rules.importFlows), ...listOf(rules.exportFlows)]) {
    if (!out.some((p) => p.objectType === f.objectType && p.mvObjectType === f.mvObjectType)) out.push({ objectType: f.objectType, mvObjectType: f.mvObjectType });
  }
  return out;
}

const inPair = (p: Pair) => (f: { objectType: string; mvObjectType: string }) => f.objectType === p.objectType && f.mvObjectType === p.mvObjectType;

function ImportRow({ f, i, n, context, onChange, onRemove }: { f: ImportFlowRule; i: number; n: number; context: RulesPageContext; onChange: (f: ImportFlowRule) => void; onRemove: () => void }) {
  const path = `importFlows[${i}]`;
  const label = `Import flow ${n}`;
  const isExpression = f.expression !== undefined;
  return (
    <li className="grid items-start gap-2 sm:grid-cols-[8.5rem_1fr_1.2rem_11rem_6rem_auto]" aria-label={`${label} (${f.objectType} → ${f.mvObjectType})`}>
      <Select aria-label={`${label}: kind`} value={isExpression ? "expression" : "direct"}
        onChange={(e) => {
          const { cs: _c, expression: _e, ...rest } = f;
          void _c; void _e;
          onChange(e.target.value === "expression" ? { ...rest, expression: f.cs ?? "" } : { ...rest, cs: "" });
        }}>
        <option value="direct">direct</option>
        <option value="expression">expression</option>
      </Select>
      {isExpression ? (
        <ExpressionField id={`if-${i}-expression`} label={`${label}: expression`} value={f.expression ?? ""} path={`${path}.expression`} context={context}
          scope="csentry" objectType={f.objectType} onChange={(expression) => onChange({ ...f, expression })} />
      ) : (
        <NameInput aria-label={`${label}: csentry attribute`} list={csAttrsList(f.objectType)} value={f.cs ?? ""}
          invalid={problemsAt(context, `${path}.cs`).length > 0} onChange={(e) => onChange({ ...f, cs: e.target.value })} />
      )}
      <span className="pt-1 text-center text-slate-400">→</span>
      <NameInput aria-label={`${label}: mventry attribute`} list={mvAttrsList(f.mvObjectType)} value={f.mv ?? ""}
        invalid={problemsAt(context, `${path}.mv`).length > 0} onChange={(e) => onChange({ ...f, mv: e.target.value })} />
      <Input type="number" min={0} step={1} aria-label={`${label}: precedence`} placeholder="100" value={f.precedence ?? ""}
        onChange={(e) => {
          const { precedence: _p, ...rest } = f;
          void _p;
          onChange(e.target.value === "" ? rest : { ...rest, precedence: Number(e.target.value) });
        }} />
      <RowButtons what={label.toLowerCase()} onRemove={onRemove} />
      <div className="sm:col-span-6"><RowProblems problems={[path, `${path}.cs`, `${path}.mv`, `${path}.precedence`].flatMap((p) => problemsAt(context, p))} /></div>
    </li>
  );
}

function ExportRow({ f, i, n, context, onChange, onRemove }: { f: ExportFlowRule; i: number; n: number; context: RulesPageContext; onChange: (f: ExportFlowRule) => void; onRemove: () => void }) {
  const path = `exportFlows[${i}]`;
  const label = `Export flow ${n}`;
  const isExpression = f.expression !== undefined;
  return (
    <li className="grid items-start gap-2 sm:grid-cols-[8.5rem_1fr_1.2rem_11rem_6rem_auto]" aria-label={`${label} (${f.mvObjectType} → ${f.objectType})`}>
      <Select aria-label={`${label}: kind`} value={isExpression ? "expression" : "direct"}
        onChange={(e) => {
          const { mv: _m, expression: _e, ...rest } = f;
          void _m; void _e;
          onChange(e.target.value === "expression" ? { ...rest, expression: f.mv ?? "" } : { ...rest, mv: "" });
        }}>
        <option value="direct">direct</option>
        <option value="expression">expression</option>
      </Select>
      {isExpression ? (
        <ExpressionField id={`ef-${i}-expression`} label={`${label}: expression`} value={f.expression ?? ""} path={`${path}.expression`} context={context}
          scope="mventry" objectType={f.mvObjectType} onChange={(expression) => onChange({ ...f, expression })} />
      ) : (
        <NameInput aria-label={`${label}: mventry attribute`} list={mvAttrsList(f.mvObjectType)} value={f.mv ?? ""}
          invalid={problemsAt(context, `${path}.mv`).length > 0} onChange={(e) => onChange({ ...f, mv: e.target.value })} />
      )}
      <span className="pt-1 text-center text-slate-400">→</span>
      <NameInput aria-label={`${label}: csentry attribute`} list={csAttrsList(f.objectType)} value={f.cs ?? ""}
        invalid={problemsAt(context, `${path}.cs`).length > 0} onChange={(e) => onChange({ ...f, cs: e.target.value })} />
      <label className="flex items-center gap-1 pt-1 text-xs" title="when the mventry has no value, clear the csentry's attribute">
        <input type="checkbox" checked={f.allowNull !== false} onChange={(e) => onChange({ ...f, allowNull: e.target.checked ? undefined : false })} />
        allow null
        <span className="sr-only">{label}</span>
      </label>
      <RowButtons what={label.toLowerCase()} onRemove={onRemove} />
      <div className="sm:col-span-6"><RowProblems problems={[path, `${path}.cs`, `${path}.mv`].flatMap((p) => problemsAt(context, p))} /></div>
    </li>
  );
}

function PairSection({ pair, index, rules, context, onChange }: { pair: Pair; index: number; rules: MaRules; context: RulesPageContext; onChange: (r: MaRules) => void }) {
  const imports = listOf(rules.importFlows);
  const exports = listOf(rules.exportFlows);
  const rename = (p: Partial<Pair>) => {
    const to = (f: ImportFlowRule | ExportFlowRule) => (inPair(pair)(f) ? { ...f, ...p } : f);
    onChange(withList(withList(rules, "importFlows", imports.map(to) as ImportFlowRule[]), "exportFlows", exports.map(to) as ExportFlowRule[]));
  };
  const name = `Pair ${index + 1}`;
  return (
    <section className="flex flex-col gap-3 rounded border border-slate-300 bg-white p-3" aria-label={`Flows between ${pair.objectType} and ${pair.mvObjectType}`}>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`fp-${index}-type`} className="text-xs font-medium text-slate-600">{name}: csentry object type</label>
          <NameInput id={`fp-${index}-type`} list={CS_TYPES_LIST} value={pair.objectType} onChange={(e) => rename({ objectType: e.target.value })} />
        </div>
        <span className="pb-1 text-slate-400">↔</span>
        <div className="flex flex-col gap-1">
          <label htmlFor={`fp-${index}-mvtype`} className="text-xs font-medium text-slate-600">{name}: metaverse object type</label>
          <NameInput id={`fp-${index}-mvtype`} list={MV_TYPES_LIST} value={pair.mvObjectType} onChange={(e) => rename({ mvObjectType: e.target.value })} />
        </div>
      </div>
      <div className="flex flex-col gap-2">
        <h4 className="text-xs font-semibold text-slate-700">Import flows ({pair.objectType} → {pair.mvObjectType})</h4>
        {imports.some(inPair(pair)) ? <Columns names={["Kind", "csentry attribute or expression", "mventry attribute", "Precedence"]} /> : null}
        <ul className="flex flex-col gap-2">
          {imports.map((f, i) => (inPair(pair)(f) ? (
            <ImportRow key={i} f={f} i={i} n={i + 1} context={context} onChange={(next) => onChange(withList(rules, "importFlows", replaceAt(imports, i, next)))}
              onRemove={() => onChange(withList(rules, "importFlows", removeAt(imports, i)))} />
          ) : null))}
        </ul>
        <AddButton onClick={() => onChange(withList(rules, "importFlows", [...imports, { ...pair, cs: "", mv: "" }]))}>{`Add import flow to ${pair.mvObjectType || "?"}`}</AddButton>
      </div>
      <div className="flex flex-col gap-2">
        <h4 className="text-xs font-semibold text-slate-700">Export flows ({pair.mvObjectType} → {pair.objectType})</h4>
        {exports.some(inPair(pair)) ? <Columns names={["Kind", "mventry attribute or expression", "csentry attribute", ""]} /> : null}
        <ul className="flex flex-col gap-2">
          {exports.map((f, i) => (inPair(pair)(f) ? (
            <ExportRow key={i} f={f} i={i} n={i + 1} context={context} onChange={(next) => onChange(withList(rules, "exportFlows", replaceAt(exports, i, next)))}
              onRemove={() => onChange(withList(rules, "exportFlows", removeAt(exports, i)))} />
          ) : null))}
        </ul>
        <AddButton onClick={() => onChange(withList(rules, "exportFlows", [...exports, { ...pair, cs: "", mv: "" }]))}>{`Add export flow to ${pair.objectType || "?"}`}</AddButton>
      </div>
    </section>
  );
}

export function AttributeFlowPage({ rules, onChange, context }: RulePageProps) {
  const types = csTypeNames(context, rules);
  const pairs = pairsOf(rules);
  const [next, setNext] = useState<Pair>({ objectType: types[0] ?? "", mvObjectType: context.model[0]?.name ?? "" });
  const addPair = (kind: "import" | "export") => {
    const pair = { objectType: next.objectType.trim(), mvObjectType: next.mvObjectType.trim() };
    if (kind === "import") onChange(withList(rules, "importFlows", [...listOf(rules.importFlows), { ...pair, cs: "", mv: "" }]));
    else onChange(withList(rules, "exportFlows", [...listOf(rules.exportFlows), { ...pair, cs: "", mv: "" }]));
  };
  return (
    <div className="flex flex-col gap-4" data-testid="rules-page-attribute-flow">
      <NameChoices context={context} csTypes={types} />
      <p className="text-xs text-slate-600">
        Import flows set mventry attributes from csentries; export flows set csentry attributes from the mventry. A flow is direct
        (one attribute) or an expression (JSONata: on the csentry for imports, on the mventry for exports).
      </p>
      {pairs.map((p, i) => <PairSection key={i} pair={p} index={i} rules={rules} context={context} onChange={onChange} />)}
      <div className="flex flex-wrap items-end gap-2 rounded border border-dashed border-slate-300 p-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="fp-new-type" className="text-xs font-medium text-slate-600">New pair: csentry object type</label>
          <NameInput id="fp-new-type" list={CS_TYPES_LIST} value={next.objectType} onChange={(e) => setNext({ ...next, objectType: e.target.value })} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="fp-new-mvtype" className="text-xs font-medium text-slate-600">New pair: metaverse object type</label>
          <NameInput id="fp-new-mvtype" list={MV_TYPES_LIST} value={next.mvObjectType} onChange={(e) => setNext({ ...next, mvObjectType: e.target.value })} />
        </div>
        <AddButton onClick={() => addPair("import")}>Add import flow for this pair</AddButton>
        <AddButton onClick={() => addPair("export")}>Add export flow for this pair</AddButton>
      </div>
      <PrecedencePanel importFlows={listOf(rules.importFlows)} context={context} />
    </div>
  );
}
