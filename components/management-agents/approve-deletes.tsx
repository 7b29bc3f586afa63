"use client";
// Shown when the MA's last export stopped at the deletion threshold: run it again with the deletes approved.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { StartedRunView } from "../../lib/dto/run.ts";
import { Button, Notice } from "../ui/form.tsx";

type Action = (prev: ActionState<StartedRunView>, form: FormData) => Promise<ActionState<StartedRunView>>;

export function ApproveDeletes({ action, maId, profileName, message }: { action: Action; maId: string; profileName: string; message: string | null }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label="Approve deletes" className="mb-4 flex flex-col gap-2 rounded border border-red-200 bg-red-50 p-3">
      <input type="hidden" name="maId" value={maId} />
      <p className="text-red-900">
        The last run (“{profileName}”) stopped at the deletion threshold{message ? `: ${message}` : ""}. Review the pending deletes below; when they are right, approve them.
      </p>
      <div>
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Starting…" : "Approve deletes and export"}</Button>
      </div>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
