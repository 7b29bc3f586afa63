"use client";
// Join and projection page: per csentry object type -> metaverse object type, the ordered join rules
// (the first rule whose mappings all match wins; each mapping a csentry attribute or an expression
// compared with an mventry attribute), then whether to project a new mventry when no rule joins.
import type { JoinProjectionRule, JoinRule } from "../../../lib/engine/rules.ts";
import { Select } from "../../ui/form.tsx";
import { CS_TYPES_LIST, MV_TYPES_LIST, NameChoices, NameInput, csAttrsList, mvAttrsList } from "./name-choices.tsx";
import { ExpressionField } from "./expression-field.tsx";
import { AddButton, RowButtons, RowProblems } from "./row-buttons.tsx";
import { csTypeNames, listOf, move, problemsAt, removeAt, replaceAt, withList, type RulePageProps, type RulesPageContext } from "./rules-context.ts";

type Mapping = JoinRule["mappings"][number];

function MappingRow({ m, path, label, rule, context, onChange, onRemove }: {
  m: Mapping; path: string; label: string; rule: JoinProjectionRule; context: RulesPageContext; onChange: (m: Mapping) => void; onRemove: () => void;
}) {
  const isExpression = m.expression !== undefined;
  const id = path.replace(/[^A-Za-z0-9]/g, "-");
  return (
    <li className="grid items-start gap-2 sm:grid-cols-[8.5rem_1fr_1.2rem_12rem_auto]">
      <Select aria-label={`${label}: compare`} value={isExpression ? "expression" : "attribute"}
        onChange={(e) => onChange(e.target.value === "expression" ? { mv: m.mv, expression: m.cs ?? "" } : { mv: m.mv, cs: "" })}>
        <option value="attribute">attribute</option>
        <option value="expression">expression</option>
      </Select>
      {isExpression ? (
        <ExpressionField id={`${id}-expression`} label={`${label}: csentry expression`} value={m.expression ?? ""} path={`${path}.expression`} context={context}
          scope="csentry" objectType={rule.objectType ?? ""} onChange={(expression) => onChange({ ...m, expression })} />
      ) : (
        <NameInput aria-label={`${label}: csentry attribute`} list={csAttrsList(rule.objectType ?? "")} value={m.cs ?? ""}
          invalid={problemsAt(context, `${path}.cs`).length > 0} onChange={(e) => onChange({ ...m, cs: e.target.value })} />
      )}
      <span className="pt-1 text-center text-slate-400">→</span>
      <NameInput aria-label={`${label}: mventry attribute`} list={mvAttrsList(rule.mvObjectType ?? "")} value={m.mv ?? ""}
        invalid={problemsAt(context, `${path}.mv`).length > 0} onChange={(e) => onChange({ ...m, mv: e.target.value })} />
      <RowButtons what={label.toLowerCase()} onRemove={onRemove} />
      <div className="sm:col-span-5"><RowProblems problems={[...problemsAt(context, path), ...problemsAt(context, `${path}.cs`), ...problemsAt(context, `${path}.mv`)]} /></div>
    </li>
  );
}

function JoinRules({ rule, path, name, context, onChange }: { rule: JoinProjectionRule; path: string; name: string; context: RulesPageContext; onChange: (join: JoinRule[]) => void }) {
  const join = listOf(rule.join);
  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-xs font-semibold text-slate-700">Join rules (in order; the first that finds exactly one mventry joins)</h4>
      {join.length === 0 ? <p className="text-xs text-slate-500">No join rule: csentries are only projected (or stay disconnectors).</p> : null}
      <ol className="flex flex-col gap-2">
        {join.map((j, k) => {
          const jp = `${path}.join[${k}]`;
          const label = `${name} join rule ${k + 1}`;
          const mappings = listOf(j.mappings);
          const setRule = (next: JoinRule) => onChange(replaceAt(join, k, next));
          return (
            <li key={k} className="rounded border border-slate-200 bg-slate-50 p-2" aria-label={label}>
              <div className="mb-1 flex items-center justify-between gap-2">
                <span className="text-xs font-medium text-slate-700">Join rule {k + 1} <span className="font-normal text-slate-500">(every mapping must match)</span></span>
                <span className="flex items-center gap-3">
                  <label className="flex items-center gap-1 text-xs">
                    <input type="checkbox" checked={j.ignoreCase !== false} onChange={(e) => setRule({ ...j, ignoreCase: e.target.checked ? undefined : false })} />
                    ignore case
                  </label>
                  <RowButtons what={label.toLowerCase()} onUp={k > 0 ? () => onChange(move(join, k, -1)) : undefined}
                    onDown={k < join.length - 1 ? () => onChange(move(join, k, 1)) : undefined} onRemove={() => onChange(removeAt(join, k))} />
                </span>
              </div>
              <ul className="flex flex-col gap-1">
                {mappings.map((m, l) => (
                  <MappingRow key={l} m={m} path={`${jp}.mappings[${l}]`} label={`${label} mapping ${l + 1}`} rule={rule} context={context}
                    onChange={(next) => setRule({ ...j, mappings: replaceAt(mappings, l, next) })}
                    onRemove={() => setRule({ ...j, mappings: removeAt(mappings, l) })} />
                ))}
              </ul>
              <RowProblems problems={[...problemsAt(context, jp), ...problemsAt(context, `${jp}.mappings`)]} />
              <div className="mt-1"><AddButton onClick={() => setRule({ ...j, mappings: [...mappings, { cs: "", mv: "" }] })}>Add mapping</AddButton></div>
            </li>
          );
        })}
      </ol>
      <AddButton onClick={() => onChange([...join, { mappings: [{ cs: "", mv: "" }] }])}>Add join rule</AddButton>
    </div>
  );
}

export function JoinProjectionPage({ rules, onChange, context }: RulePageProps) {
  const list = listOf(rules.joinProjection);
  const types = csTypeNames(context, rules);
  const set = (next: JoinProjectionRule[]) => onChange(withList(rules, "joinProjection", next));
  const unused = types.find((t) => !list.some((r) => r.objectType === t));
  return (
    <div className="flex flex-col gap-3" data-testid="rules-page-join-projection">
      <NameChoices context={context} csTypes={types} />
      <p className="text-xs text-slate-600">
        For each csentry object type: how a csentry finds its existing mventry (join), and whether a new mventry is created when
        none is found (projection). Expressions are JSONata on the csentry.
      </p>
      {list.map((r, i) => {
        const path = `joinProjection[${i}]`;
        const name = `Object type ${i + 1}`;
        const setRule = (next: JoinProjectionRule) => set(replaceAt(list, i, next));
        return (
          <section key={i} className="flex flex-col gap-3 rounded border border-slate-300 bg-white p-3" aria-label={`Join and projection of ${r.objectType || name}`}>
            <div className="flex flex-wrap items-end gap-2">
              <div className="flex flex-col gap-1">
                <label htmlFor={`jp-${i}-type`} className="text-xs font-medium text-slate-600">{name}: csentry object type</label>
                <NameInput id={`jp-${i}-type`} list={CS_TYPES_LIST} value={r.objectType ?? ""} invalid={problemsAt(context, `${path}.objectType`).length > 0}
                  onChange={(e) => setRule({ ...r, objectType: e.target.value })} />
              </div>
              <span className="pb-1 text-slate-400">→</span>
              <div className="flex flex-col gap-1">
                <label htmlFor={`jp-${i}-mvtype`} className="text-xs font-medium text-slate-600">{name}: metaverse object type</label>
                <NameInput id={`jp-${i}-mvtype`} list={MV_TYPES_LIST} value={r.mvObjectType ?? ""} invalid={problemsAt(context, `${path}.mvObjectType`).length > 0}
                  onChange={(e) => setRule({ ...r, mvObjectType: e.target.value })} />
              </div>
              <span className="ml-auto"><RowButtons what={`${name.toLowerCase()} rules`} onRemove={() => set(removeAt(list, i))} /></span>
            </div>
            <RowProblems problems={[...problemsAt(context, path), ...problemsAt(context, `${path}.objectType`), ...problemsAt(context, `${path}.mvObjectType`)]} />
            <JoinRules rule={r} path={path} name={name} context={context} onChange={(join) => setRule({ ...r, join })} />
            <div className="flex flex-col gap-2 border-t border-slate-200 pt-2">
              <label className="flex items-center gap-2 text-[13px]">
                <input type="checkbox" checked={r.project === true} onChange={(e) => setRule({ ...r, project: e.target.checked || undefined })} />
                {name}: project a new mventry when no join rule matches
              </label>
              {r.project ? (
                r.projectCondition === undefined ? (
                  <AddButton onClick={() => setRule({ ...r, projectCondition: "" })}>Add a project condition</AddButton>
                ) : (
                  <div className="flex items-start gap-2">
                    <div className="min-w-0 flex-1">
                      <ExpressionField id={`jp-${i}-condition`} label={`${name}: project only when`} value={r.projectCondition} path={`${path}.projectCondition`} context={context}
                        scope="csentry" objectType={r.objectType ?? ""} condition onChange={(projectCondition) => setRule({ ...r, projectCondition })} />
                    </div>
                    <RowButtons what={`${name.toLowerCase()} project condition`} onRemove={() => {
                      const { projectCondition: _drop, ...rest } = r;
                      void _drop;
                      setRule(rest);
                    }} />
                  </div>
                )
              ) : null}
            </div>
          </section>
        );
      })}
      <AddButton onClick={() => set([...list, { objectType: unused ?? "", mvObjectType: context.model[0]?.name ?? "", join: [{ mappings: [{ cs: "", mv: "" }] }], project: true }])}>
        Add an object type
      </AddButton>
    </div>
  );
}
