"use client";
// Provisioning page: declarative rules that create a connector in this MA for every mventry of a
// type matching a condition: the csentry object type, its DN (a changed DN renames it), its anchor
// where IdSync chooses it (files, SQL) and its initial attributes. Expressions run on the mventry.
import type { ProvisioningRule } from "../../../lib/engine/rules.ts";
import { CS_TYPES_LIST, MV_TYPES_LIST, NameChoices, NameInput, csAttrsList } from "./name-choices.tsx";
import { ExpressionField } from "./expression-field.tsx";
import { AddButton, RowButtons, RowProblems } from "./row-buttons.tsx";
import { csTypeNames, listOf, problemsAt, removeAt, replaceAt, withList, type RulePageProps } from "./rules-context.ts";

function InitialAttributes({ rule, i, name, context, onChange }: { rule: ProvisioningRule; i: number; name: string; context: RulePageProps["context"]; onChange: (initial: Record<string, string> | undefined) => void }) {
  // Entries as a list so that renaming an attribute keeps its place (and the focus).
  const entries = Object.entries(rule.initial && typeof rule.initial === "object" ? rule.initial : {});
  const set = (next: [string, string][]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-xs font-semibold text-slate-700">Initial attributes (set when the object is created)</h4>
      <ul className="flex flex-col gap-2">
        {entries.map(([attr, expr], k) => (
          <li key={k} className="grid items-start gap-2 sm:grid-cols-[11rem_1fr_auto]">
            <NameInput aria-label={`${name} initial attribute ${k + 1}: csentry attribute`} list={csAttrsList(rule.objectType)} value={attr}
              onChange={(e) => set(replaceAt(entries, k, [e.target.value, expr]))} />
            <ExpressionField id={`pv-${i}-initial-${k}`} label={`${name} initial attribute ${k + 1}: value`} value={expr} path={`provisioning[${i}].initial.${attr}`}
              context={context} scope="mventry" objectType={rule.mvObjectType} onChange={(v) => set(replaceAt(entries, k, [attr, v]))} />
            <RowButtons what={`${name.toLowerCase()} initial attribute ${k + 1}`} onRemove={() => set(removeAt(entries, k))} />
          </li>
        ))}
      </ul>
      <AddButton onClick={() => set([...entries, [entries.some(([a]) => a === "") ? `attribute${entries.length + 1}` : "", ""]])}>Add initial attribute</AddButton>
    </div>
  );
}

export function ProvisioningPage({ rules, onChange, context }: RulePageProps) {
  const list = listOf(rules.provisioning);
  const types = csTypeNames(context, rules);
  const set = (next: ProvisioningRule[]) => onChange(withList(rules, "provisioning", next));
  return (
    <div className="flex flex-col gap-3" data-testid="rules-page-provisioning">
      <NameChoices context={context} csTypes={types} />
      <p className="text-xs text-slate-600">
        For every mventry of the metaverse object type for which the condition is true (no condition: every one), synchronization makes sure
        this MA has a connector: it creates the csentry and stages its add. When the condition stops matching, the connector is deprovisioned
        (see Deprovisioning). Expressions are JSONata on the mventry.
      </p>
      {list.length === 0 ? <p className="text-xs text-slate-500">No provisioning rule: this MA creates no objects.</p> : null}
      {list.map((r, i) => {
        const path = `provisioning[${i}]`;
        const name = `Provisioning rule ${i + 1}`;
        const setRule = (next: ProvisioningRule) => set(replaceAt(list, i, next));
        const optional = (key: "condition" | "anchor", label: string, placeholder: string) =>
          r[key] === undefined ? (
            <AddButton onClick={() => setRule({ ...r, [key]: "" })}>{`Add ${label.toLowerCase()}`}</AddButton>
          ) : (
            <div className="flex items-start gap-2">
              <div className="min-w-0 flex-1">
                <ExpressionField id={`pv-${i}-${key}`} label={`${name}: ${label}`} value={r[key] ?? ""} path={`${path}.${key}`} context={context} scope="mventry"
                  objectType={r.mvObjectType} condition={key === "condition"} placeholder={placeholder} onChange={(v) => setRule({ ...r, [key]: v })} />
              </div>
              <RowButtons what={`${name.toLowerCase()} ${label.toLowerCase()}`} onRemove={() => {
                const next = { ...r };
                delete next[key];
                setRule(next);
              }} />
            </div>
          );
        return (
          <section key={i} aria-label={name} className="flex flex-col gap-3 rounded border border-slate-300 bg-white p-3">
            <div className="grid gap-2 sm:grid-cols-[1fr_10rem_10rem_auto]">
              {([["name", "name", undefined], ["mvObjectType", "metaverse object type", MV_TYPES_LIST], ["objectType", "csentry object type", CS_TYPES_LIST]] as const).map(([key, label, list]) => (
                <div key={key} className="flex flex-col gap-1">
                  <label htmlFor={`pv-${i}-${key}`} className="text-xs font-medium text-slate-600">{name}: {label}</label>
                  <NameInput id={`pv-${i}-${key}`} list={list} value={r[key] ?? ""} invalid={problemsAt(context, `${path}.${key}`).length > 0}
                    onChange={(e) => setRule({ ...r, [key]: e.target.value })} />
                </div>
              ))}
              <span className="self-end"><RowButtons what={name.toLowerCase()} onRemove={() => set(removeAt(list, i))} /></span>
            </div>
            <RowProblems problems={[path, `${path}.name`, `${path}.mvObjectType`, `${path}.objectType`, `${path}.initial`].flatMap((p) => problemsAt(context, p))} />
            {optional("condition", "Condition", "e.g. $exists(employeeID) and status = 'active'")}
            <ExpressionField id={`pv-${i}-dn`} label={`${name}: DN`} value={r.dn ?? ""} path={`${path}.dn`} context={context} scope="mventry" objectType={r.mvObjectType}
              placeholder={"e.g. $buildDn('uid', accountName, 'ou=people,dc=example,dc=org')"} onChange={(dn) => setRule({ ...r, dn })} />
            {optional("anchor", "Anchor", "e.g. employeeID (files and SQL tables: IdSync chooses the anchor)")}
            <InitialAttributes rule={r} i={i} name={name} context={context} onChange={(initial) => {
              const next = { ...r };
              if (initial) next.initial = initial;
              else delete next.initial;
              setRule(next);
            }} />
          </section>
        );
      })}
      <AddButton onClick={() => set([...list, { name: `rule ${list.length + 1}`, mvObjectType: context.model[0]?.name ?? "", objectType: types[0] ?? "", dn: "" }])}>
        Add provisioning rule
      </AddButton>
    </div>
  );
}
