"use client";
// Staging mode on/off for one MA (admin, audited by the service).
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { Button, Notice } from "../ui/form.tsx";

type Result = { maId: string; stagingMode: boolean };
type Action = (prev: ActionState<Result>, form: FormData) => Promise<ActionState<Result>>;

export function StagingToggle({ action, maId, enabled }: { action: Action; maId: string; enabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label="Staging mode" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="maId" value={maId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <span data-testid="staging-mode-state" className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${enabled ? "bg-amber-50 text-amber-800 ring-amber-200" : "bg-slate-100 text-slate-600 ring-slate-200"}`}>
        Staging mode {enabled ? "on" : "off"}
      </span>
      <Button type="submit" variant="secondary" disabled={pending}>{enabled ? "Turn staging mode off" : "Turn staging mode on"}</Button>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
