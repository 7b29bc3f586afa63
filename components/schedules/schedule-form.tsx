"use client";
// Create or change a schedule: name, cron expression with its reading as you type, enabled, and the
// ordered steps (MA, run profile) picked from what exists. The server validates it all again.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { Button, Field, Input, Notice, Select } from "../ui/form.tsx";
import { describeCron } from "./cron-preview.ts";

type Saved = { id: string; name: string };
type SaveAction = (prev: ActionState<Saved>, form: FormData) => Promise<ActionState<Saved>>;
type Step = { ma: string; profile: string };

export interface ScheduleFormProps {
  action: SaveAction;
  choices: { ma: string; profiles: string[] }[];
  initial?: { id: string; name: string; cron: string; enabled: boolean; steps: Step[] };
}

export function ScheduleForm({ action, choices, initial }: ScheduleFormProps) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  const first = choices[0];
  const [name, setName] = useState(initial?.name ?? "");
  const [cron, setCron] = useState(initial?.cron ?? "0 2 * * *");
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [steps, setSteps] = useState<Step[]>(initial?.steps ?? (first ? [{ ma: first.ma, profile: first.profiles[0] ?? "" }] : []));
  const errors = state && !state.ok ? state.fieldErrors : {};
  const preview = describeCron(cron);

  useEffect(() => {
    if (state?.ok) router.push("/schedules");
  }, [state, router]);

  const setStep = (i: number, step: Step) => setSteps(steps.map((s, j) => (j === i ? step : s)));
  const move = (i: number, by: number) => {
    const next = [...steps];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setSteps(next);
  };
  const profilesOf = (ma: string) => choices.find((c) => c.ma === ma)?.profiles ?? [];

  return (
    <form action={formAction} aria-label={initial ? "Edit schedule" : "New schedule"} className="flex max-w-3xl flex-col gap-3 rounded border border-slate-200 bg-white p-4">
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      <input type="hidden" name="steps" value={JSON.stringify(steps)} />
      <Field label="Name" htmlFor="schedule-name" errors={errors.name}>
        <Input id="schedule-name" name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Nightly HR to Directory" />
      </Field>
      <Field label="Cron expression" htmlFor="schedule-cron" errors={errors.cron} hint="5 fields (minute hour day month weekday), or 6 with seconds first; @daily and the like; server time zone">
        <Input id="schedule-cron" name="cron" value={cron} onChange={(e) => setCron(e.target.value)} className="font-mono" />
      </Field>
      <p className="text-xs text-slate-600" data-testid="cron-preview" aria-live="polite">
        {preview ?? <span className="text-amber-700">Not a cron expression this preview can read</span>}
      </p>
      <label className="flex items-center gap-2 text-[13px]">
        <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-slate-600">Steps, in order (each waits for the previous run to end; a stopped run ends the sequence)</legend>
        {steps.map((s, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2" data-testid={`schedule-step-${i + 1}`}>
            <span className="w-6 pb-1 text-xs text-slate-500">{i + 1}.</span>
            <div className="w-48"><Select aria-label={`Management agent of step ${i + 1}`} value={s.ma} onChange={(e) => setStep(i, { ma: e.target.value, profile: profilesOf(e.target.value)[0] ?? "" })}>
              {choices.some((c) => c.ma === s.ma) ? null : <option value={s.ma}>{s.ma} (missing)</option>}
              {choices.map((c) => <option key={c.ma} value={c.ma}>{c.ma}</option>)}
            </Select></div>
            <div className="w-64"><Select aria-label={`Run profile of step ${i + 1}`} value={s.profile} onChange={(e) => setStep(i, { ...s, profile: e.target.value })}>
              {profilesOf(s.ma).includes(s.profile) ? null : <option value={s.profile}>{s.profile || "—"} (missing)</option>}
              {profilesOf(s.ma).map((p) => <option key={p} value={p}>{p}</option>)}
            </Select></div>
            <Button type="button" variant="secondary" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</Button>
            <Button type="button" variant="secondary" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => move(i, 1)}>↓</Button>
            <Button type="button" variant="secondary" aria-label={`Remove step ${i + 1}`} onClick={() => setSteps(steps.filter((_, j) => j !== i))}>Remove</Button>
          </div>
        ))}
        <div>
          <Button type="button" variant="secondary" disabled={!first} onClick={() => setSteps([...steps, { ma: first!.ma, profile: first!.profiles[0] ?? "" }])}>Add step</Button>
        </div>
        {errors.steps?.length ? <p className="text-xs text-red-600" role="alert">{errors.steps.join("; ")}</p> : null}
      </fieldset>
      {state && !state.ok && !Object.keys(errors).length ? <Notice tone="error">{state.message}</Notice> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{initial ? "Save schedule" : "Create schedule"}</Button>
        <Button type="button" variant="secondary" onClick={() => router.push("/schedules")}>Cancel</Button>
      </div>
    </form>
  );
}
