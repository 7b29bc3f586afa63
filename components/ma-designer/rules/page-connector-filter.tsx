"use client";
// Connector filter page: per csentry object type, conditions that keep a csentry out of
// synchronization (it becomes a filtered disconnector while a condition is true).
import type { ConnectorFilterRule } from "../../../lib/engine/rules.ts";
import { CS_TYPES_LIST, NameChoices, NameInput } from "./name-choices.tsx";
import { ExpressionField } from "./expression-field.tsx";
import { AddButton, RowButtons, RowProblems } from "./row-buttons.tsx";
import { csTypeNames, listOf, problemsAt, removeAt, replaceAt, withList, type RulePageProps } from "./rules-context.ts";

export function ConnectorFilterPage({ rules, onChange, context }: RulePageProps) {
  const filters = listOf(rules.connectorFilters);
  const types = csTypeNames(context, rules);
  const set = (next: ConnectorFilterRule[]) => onChange(withList(rules, "connectorFilters", next));
  return (
    <div className="flex flex-col gap-3" data-testid="rules-page-connector-filter">
      <NameChoices context={context} csTypes={types} />
      <p className="text-xs text-slate-600">
        A csentry whose object type has a filter and for which the condition is <strong>true</strong> is not synchronized:
        it becomes a filtered disconnector (a connector is disconnected first). Conditions are JSONata on the csentry&apos;s attributes.
      </p>
      {filters.length === 0 ? <p className="text-xs text-slate-500">No connector filter: every csentry is synchronized.</p> : null}
      <ol className="flex flex-col gap-2">
        {filters.map((f, i) => {
          const what = `filter ${i + 1}`;
          const path = `connectorFilters[${i}]`;
          return (
            <li key={i} className="grid gap-2 rounded border border-slate-200 bg-white p-2 sm:grid-cols-[12rem_1fr_auto]">
              <div className="flex flex-col gap-1">
                <label htmlFor={`cf-${i}-type`} className="text-xs font-medium text-slate-600">Filter {i + 1}: object type</label>
                <NameInput id={`cf-${i}-type`} list={CS_TYPES_LIST} value={f.objectType ?? ""} invalid={problemsAt(context, `${path}.objectType`).length > 0}
                  onChange={(e) => set(replaceAt(filters, i, { ...f, objectType: e.target.value }))} />
                <RowProblems problems={[...problemsAt(context, path), ...problemsAt(context, `${path}.objectType`)]} />
              </div>
              <ExpressionField id={`cf-${i}-condition`} label={`Filter ${i + 1}: condition`} value={f.condition ?? ""} path={`${path}.condition`}
                context={context} scope="csentry" objectType={f.objectType ?? ""} condition placeholder="e.g. $contains($dn, 'ou=disabled')"
                onChange={(condition) => set(replaceAt(filters, i, { ...f, condition }))} />
              <RowButtons what={what} onRemove={() => set(removeAt(filters, i))} />
            </li>
          );
        })}
      </ol>
      <AddButton onClick={() => set([...filters, { objectType: types[0] ?? "", condition: "" }])}>Add filter</AddButton>
    </div>
  );
}
