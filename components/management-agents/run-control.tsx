"use client";
// "Run" control of an MA: pick one of its run profiles and start it; the action opens the run's live
// page, or answers with the refusal (e.g. a run already in progress) shown here.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { StartedRunView } from "../../lib/dto/run.ts";
import { Button, Notice } from "../ui/form.tsx";

type Action = (prev: ActionState<StartedRunView>, form: FormData) => Promise<ActionState<StartedRunView>>;

export function RunControl({ action, maId, maName, profiles }: { action: Action; maId: string; maName: string; profiles: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (profiles.length === 0) return <span className="text-xs text-slate-400">no run profiles</span>;
  return (
    <form action={formAction} aria-label={`Run ${maName}`} className="flex flex-col gap-1">
      <input type="hidden" name="maId" value={maId} />
      <div className="flex items-center gap-1">
        <label className="sr-only" htmlFor={`run-profile-${maId}`}>Run profile of {maName}</label>
        <select id={`run-profile-${maId}`} name="profile" className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs" defaultValue={profiles[0]}>
          {profiles.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
        <Button type="submit" disabled={pending} className="px-2 py-0.5 text-xs">{pending ? "Starting…" : "Run"}</Button>
      </div>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
