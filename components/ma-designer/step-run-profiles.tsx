"use client";
// Run profiles: run profiles (name, ordered steps, optional cron schedule) and the safety settings.
import { MA_STEP_TYPES, STEP_TYPE_LABELS } from "../../lib/schemas/ma-designer.ts";
import { Button, Field, Input, Section, Select } from "../ui/form.tsx";
import { newKey, type RunProfileState, type SafetyState } from "./wizard-state.ts";

const SAFETY: { key: keyof SafetyState; label: string; hint: string }[] = [
  { key: "deletionThresholdCount", label: "Deletion threshold (objects)", hint: "An export deleting more stops before writing." },
  { key: "deletionThresholdPercent", label: "Deletion threshold (%)", hint: "Of the connector space." },
  { key: "errorLimit", label: "Error limit", hint: "A step stops after this many object errors." },
  { key: "maxDeletePercentOnImport", label: "Max delete % on import", hint: "A full import staging more deletes stops." },
];

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function ProfileEditor({ p, index, onChange, onRemove }: { p: RunProfileState; index: number; onChange: (p: RunProfileState) => void; onRemove: () => void }) {
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3" aria-label={`Run profile ${index + 1}`}>
      <div className="grid gap-2 sm:grid-cols-[1fr_14rem_auto]">
        <Field label="Profile name" htmlFor={`rp-name-${p.key}`}>
          <Input id={`rp-name-${p.key}`} value={p.name} onChange={(e) => onChange({ ...p, name: e.target.value })} />
        </Field>
        <Field label="Schedule (cron, optional)" htmlFor={`rp-schedule-${p.key}`}>
          <Input id={`rp-schedule-${p.key}`} value={p.schedule} placeholder="0 2 * * *" className="font-mono" onChange={(e) => onChange({ ...p, schedule: e.target.value })} />
        </Field>
        <div className="self-end"><Button type="button" variant="secondary" onClick={onRemove}>Remove profile</Button></div>
      </div>
      <ol className="flex flex-col gap-1">
        {p.steps.map((s, i) => (
          <li key={i} className="flex items-center gap-2">
            <span className="w-5 text-right text-xs text-slate-500">{i + 1}.</span>
            <Select aria-label={`Step ${i + 1}`} value={s} className="max-w-xs" onChange={(e) => onChange({ ...p, steps: p.steps.map((x, k) => (k === i ? e.target.value : x)) })}>
              {MA_STEP_TYPES.map((t) => <option key={t} value={t}>{STEP_TYPE_LABELS[t]}</option>)}
            </Select>
            <button type="button" className="text-xs text-sky-700" aria-label={`Move step ${i + 1} up`} onClick={() => onChange({ ...p, steps: move(p.steps, i, -1) })}>↑</button>
            <button type="button" className="text-xs text-sky-700" aria-label={`Move step ${i + 1} down`} onClick={() => onChange({ ...p, steps: move(p.steps, i, 1) })}>↓</button>
            <button type="button" className="text-xs text-red-700" aria-label={`Remove step ${i + 1}`} onClick={() => onChange({ ...p, steps: p.steps.filter((_, k) => k !== i) })}>remove</button>
          </li>
        ))}
      </ol>
      <div><Button type="button" variant="secondary" onClick={() => onChange({ ...p, steps: [...p.steps, "delta-sync"] })}>Add step</Button></div>
    </fieldset>
  );
}

export function StepRunProfiles(props: {
  profiles: RunProfileState[];
  safety: SafetyState;
  stagingMode: boolean;
  onProfiles: (p: RunProfileState[]) => void;
  onSafety: (s: SafetyState) => void;
  onStaging: (on: boolean) => void;
}) {
  const { profiles } = props;
  return (
    <div className="flex max-w-4xl flex-col gap-2">
      <Section title="Run profiles" actions={<Button type="button" variant="secondary" onClick={() => props.onProfiles([...profiles, { key: newKey(), name: "", steps: ["full-import"], schedule: "" }])}>Add run profile</Button>}>
        <div className="flex flex-col gap-3">
          {profiles.length === 0 ? <p className="text-slate-500">No run profiles: this MA can only be run once one is added.</p> : null}
          {profiles.map((p, i) => (
            <ProfileEditor key={p.key} p={p} index={i} onChange={(np) => props.onProfiles(profiles.map((x) => (x.key === p.key ? np : x)))} onRemove={() => props.onProfiles(profiles.filter((x) => x.key !== p.key))} />
          ))}
        </div>
      </Section>
      <Section title="Safety">
        <div className="grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-2">
          {SAFETY.map((s) => (
            <Field key={s.key} label={s.label} htmlFor={`safety-${s.key}`} hint={s.hint}>
              <Input id={`safety-${s.key}`} type="number" min={0} value={props.safety[s.key]} onChange={(e) => props.onSafety({ ...props.safety, [s.key]: e.target.value })} />
            </Field>
          ))}
          <label className="flex items-center gap-2 text-[13px]">
            <input type="checkbox" checked={props.stagingMode} onChange={(e) => props.onStaging(e.target.checked)} />
            Staging mode: hold this MA's exports for review
          </label>
        </div>
      </Section>
    </div>
  );
}
