"use client";
// "Stop run": asks a queued or in-progress run to stop. The engine stops after its current batch
// (each batch is one transaction) and skips the profile's remaining steps; the run ends stopped-user.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { RunStopView } from "../../lib/dto/run.ts";
import { Button, Notice } from "../ui/form.tsx";

type Action = (prev: ActionState<RunStopView>, form: FormData) => Promise<ActionState<RunStopView>>;

export function StopRun({ action, runId, label = "Stop run" }: { action: Action; runId: string; label?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label} className="inline-flex flex-col gap-1">
      <input type="hidden" name="runId" value={runId} />
      {state?.ok ? (
        <span role="status" className="text-xs text-slate-600" data-testid="stop-requested">
          {state.data.status === "stopped-user" ? "Stopped" : "Stop requested: the run stops after its current batch"}
        </span>
      ) : (
        <Button type="submit" variant="danger" disabled={pending} className="px-2 py-0.5 text-xs">{pending ? "Stopping…" : label}</Button>
      )}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
