"use client";
// Create management agent: connector type (with capability badges), name and description.
import type { ConnectorTypeView } from "../../lib/dto/ma-designer.ts";
import { Field, Input } from "../ui/form.tsx";

function Badge({ on, children }: { on: boolean; children: string }) {
  return on ? <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">{children}</span> : null;
}

export function CapabilityBadges({ t }: { t: ConnectorTypeView }) {
  return (
    <span className="flex gap-1" data-testid={`capabilities-${t.type}`}>
      <Badge on={t.capabilities.delta}>delta</Badge>
      <Badge on={t.capabilities.export}>export</Badge>
      <Badge on={t.capabilities.password}>password</Badge>
    </span>
  );
}

export function StepGeneral(props: {
  types: ConnectorTypeView[];
  name: string;
  description: string;
  type: string;
  typeLocked: boolean;
  errors: Record<string, string[]>;
  onChange: (patch: { name?: string; description?: string; type?: string }) => void;
}) {
  const { types, errors } = props;
  return (
    <div className="flex max-w-3xl flex-col gap-3">
      <Field label="Name" htmlFor="ma-name" errors={errors.name} hint="Unique; run profiles and the run history show it.">
        <Input id="ma-name" value={props.name} maxLength={100} onChange={(e) => props.onChange({ name: e.target.value })} />
      </Field>
      <Field label="Description" htmlFor="ma-description" errors={errors.description}>
        <Input id="ma-description" value={props.description} maxLength={500} onChange={(e) => props.onChange({ description: e.target.value })} />
      </Field>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium text-slate-600">Connector type{props.typeLocked ? " (an existing MA keeps its type)" : ""}</legend>
        <div className="grid gap-2 sm:grid-cols-2" role="radiogroup" aria-label="Connector type">
          {types.map((t) => (
            <label key={t.type} className={`flex cursor-pointer items-start gap-2 rounded border bg-white p-2 ${props.type === t.type ? "border-sky-500 ring-1 ring-sky-500" : "border-slate-200"} ${props.typeLocked && props.type !== t.type ? "opacity-40" : ""}`}>
              <input type="radio" name="connector-type" value={t.type} checked={props.type === t.type} disabled={props.typeLocked && props.type !== t.type} onChange={() => props.onChange({ type: t.type })} aria-label={t.label} className="mt-1" />
              <span className="flex flex-col gap-1">
                <span className="font-medium">{t.label}</span>
                <span className="flex items-center gap-2"><code className="text-xs text-slate-500">{t.type}</code><CapabilityBadges t={t} /></span>
              </span>
            </label>
          ))}
        </div>
        {errors.type?.length ? <p className="text-xs text-red-600" role="alert">{errors.type.join("; ")}</p> : null}
      </fieldset>
    </div>
  );
}
