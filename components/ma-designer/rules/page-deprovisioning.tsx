"use client";
// Deprovisioning page: what happens to a connector of this MA when it is disconnected (its mventry is
// deleted, or a provisioning condition stops matching), and the object deletion rule.
import type { DeprovisionAction } from "../../../lib/engine/rules.ts";
import type { RulePageProps } from "./rules-context.ts";

const ACTIONS: { value: DeprovisionAction; label: string; help: string }[] = [
  {
    value: "disconnector",
    label: "Make them disconnectors",
    help: "The csentry stays in the connector space and the object in the system, unlinked. A later synchronization may join or project it again.",
  },
  {
    value: "explicit-disconnector",
    label: "Make them explicit disconnectors",
    help: "The same, but the csentry is kept apart on purpose: join and projection rules never link it again (only the Joiner can).",
  },
  {
    value: "delete",
    label: "Stage a delete",
    help: "A delete is staged as a pending export: the next Export deletes the object in the connected system.",
  },
];

export function DeprovisioningPage({ rules, onChange }: RulePageProps) {
  const current = rules.deprovision ?? "disconnector";
  return (
    <div className="flex flex-col gap-4" data-testid="rules-page-deprovisioning">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-slate-700">When a connector of this MA is disconnected</legend>
        <p className="text-xs text-slate-600">
          A connector is disconnected when its mventry is deleted, or when the provisioning rule that created it stops matching the mventry.
        </p>
        {ACTIONS.map((a) => (
          <label key={a.value} className="flex items-start gap-2 rounded border border-slate-200 bg-white p-2 text-[13px]">
            <input type="radio" name="rules-deprovision" value={a.value} checked={current === a.value} className="mt-1"
              onChange={() => onChange({ ...rules, deprovision: a.value })} />
            <span>
              <span className="font-medium">{a.label}</span>
              <span className="block text-xs text-slate-600">{a.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-slate-700">Object deletion rule</legend>
        <label className="flex items-start gap-2 rounded border border-slate-200 bg-white p-2 text-[13px]">
          <input type="checkbox" className="mt-1" checked={rules.deleteMvOnDisconnect === true}
            onChange={(e) => {
              const next = { ...rules };
              if (e.target.checked) next.deleteMvOnDisconnect = true;
              else delete next.deleteMvOnDisconnect;
              onChange(next);
            }} />
          <span>
            <span className="font-medium">Delete the mventry when its connector from this MA is deleted</span>
            <span className="block text-xs text-slate-600">
              For an authoritative source (an HR export): a person removed there leaves the metaverse, and every other MA then deprovisions
              their objects. Without it, an mventry is deleted only when its last connector goes.
            </span>
          </span>
        </label>
      </fieldset>
    </div>
  );
}
