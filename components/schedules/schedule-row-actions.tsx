"use client";
// Per-schedule controls of the list (admin): the enabled toggle and delete (after a confirmation).
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { Button } from "../ui/form.tsx";

type ToggleAction = (prev: ActionState<{ id: string; enabled: boolean }>, form: FormData) => Promise<ActionState<{ id: string; enabled: boolean }>>;
type DeleteAction = (prev: ActionState<{ id: string; name: string }>, form: FormData) => Promise<ActionState<{ id: string; name: string }>>;

export function ScheduleEnabledToggle({ action, id, name, enabled }: { action: ToggleAction; id: string; name: string; enabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={`Enabled state of ${name}`} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button
        type="submit"
        role="switch"
        aria-checked={enabled}
        aria-label={`${name} enabled`}
        disabled={pending}
        className={`relative h-5 w-9 rounded-full transition-colors ${enabled ? "bg-emerald-600" : "bg-slate-300"} disabled:opacity-60`}
      >
        <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${enabled ? "left-[18px]" : "left-0.5"}`} />
      </button>
      <span className="text-xs text-slate-600">{enabled ? "enabled" : "disabled"}</span>
      {state && !state.ok ? <span className="text-xs text-red-700" role="alert">{state.message}</span> : null}
    </form>
  );
}

export function DeleteScheduleButton({ action, id, name }: { action: DeleteAction; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={`Delete ${name}`} onSubmit={(e) => { if (!window.confirm(`Delete the schedule "${name}"? Its firing history goes with it; run history stays.`)) e.preventDefault(); }}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>Delete</Button>
      {state && !state.ok ? <span className="ml-2 text-xs text-red-700" role="alert">{state.message}</span> : null}
    </form>
  );
}
