"use client";
// Page 6: what will be saved, the save button, and the server's refusal with each problem's place.
import type { ConnectorTypeView } from "../../lib/dto/ma-designer.ts";
import type { MaDraftInput } from "../../lib/schemas/ma-designer.ts";
import { Button, Notice } from "../ui/form.tsx";

export interface SaveRefusal {
  message: string;
  problems: { section: string; path: string; messages: string[] }[];
}

const SECTION_STEP: Record<string, number> = { general: 0, connection: 1, rules: 3, runProfiles: 4, safety: 4 };

export function StepReview(props: {
  draft: MaDraftInput;
  type: ConnectorTypeView | undefined;
  secretsSet: string[];
  pending: boolean;
  refusal: SaveRefusal | null;
  editing: boolean;
  onSave: () => void;
  onGoTo: (step: number) => void;
}) {
  const { draft } = props;
  const secrets = new Set(props.type?.fields.filter((f) => f.kind === "secret").map((f) => f.name));
  const shown = Object.entries(draft.config).map(([k, v]) => [k, secrets.has(k) ? "(new value)" : JSON.stringify(v)] as const);
  for (const k of props.secretsSet) if (draft.config[k] === undefined) shown.push([k, "(unchanged)"] as const);
  const rules = draft.rules as Record<string, unknown[] | undefined>;
  const count = (k: string) => (Array.isArray(rules[k]) ? rules[k].length : 0);
  return (
    <div className="flex max-w-4xl flex-col gap-3">
      <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 rounded border border-slate-200 bg-white p-3" aria-label="Summary">
        <dt className="text-slate-500">Name</dt><dd className="font-medium">{draft.name}</dd>
        <dt className="text-slate-500">Connector type</dt><dd>{props.type?.label ?? draft.type}</dd>
        <dt className="text-slate-500">Settings</dt>
        <dd className="font-mono text-xs">{shown.map(([k, v]) => <div key={k}>{k}: {v}</div>)}</dd>
        <dt className="text-slate-500">Rules</dt>
        <dd>
          {count("connectorFilters")} connector filters, {count("joinProjection")} join/projection rules, {count("importFlows")} import flows,{" "}
          {count("exportFlows")} export flows, {count("provisioning")} provisioning rules; deprovision: {String(rules.deprovision)}
          {rules.deleteMvOnDisconnect ? "; deletes the mventry with its connector" : ""}
        </dd>
        <dt className="text-slate-500">Run profiles</dt>
        <dd>{(draft.runProfiles ?? []).map((p) => <div key={p.name}>{p.name}: {p.steps.map((s) => s.type).join(" → ")}{p.schedule ? ` (${p.schedule})` : ""}</div>)}</dd>
        <dt className="text-slate-500">Staging mode</dt><dd>{draft.stagingMode ? "on" : "off"}</dd>
      </dl>
      {props.refusal ? (
        <div data-testid="save-refusal">
          <Notice tone="error">
            <p className="font-medium">{props.refusal.message}</p>
            <ul className="mt-1 list-disc pl-5">
              {props.refusal.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.messages.join("; ")}{" "}
                  {SECTION_STEP[p.section] !== undefined ? <button type="button" className="text-xs underline" onClick={() => props.onGoTo(SECTION_STEP[p.section])}>go to the page</button> : null}
                </li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
      <div>
        <Button type="button" onClick={props.onSave} disabled={props.pending}>{props.pending ? "Saving…" : props.editing ? "Save changes" : "Create management agent"}</Button>
      </div>
    </div>
  );
}
