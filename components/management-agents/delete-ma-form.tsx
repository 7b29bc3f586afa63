"use client";
// The last step of deleting an MA: type its name, then delete. The server compares the name too.
import { useActionState, useState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { MaDeletionResult } from "../../lib/dto/management-agent.ts";
import { Button, Field, Input, Notice } from "../ui/form.tsx";

type Action = (prev: ActionState<MaDeletionResult>, form: FormData) => Promise<ActionState<MaDeletionResult>>;

export function DeleteMaForm({ action, maId, maName, disabled }: { action: Action; maId: string; maName: string; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === maName;
  return (
    <form action={formAction} aria-label="Delete management agent" className="flex max-w-md flex-col gap-3">
      <input type="hidden" name="maId" value={maId} />
      <Field label={`Type ${maName} to confirm`} htmlFor="confirm-name" errors={state && !state.ok ? state.fieldErrors.confirmName : undefined}>
        <Input id="confirm-name" name="confirmName" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} disabled={disabled} />
      </Field>
      <div>
        <Button type="submit" variant="danger" disabled={disabled || pending || !matches}>
          {pending ? "Deleting…" : "Delete management agent"}
        </Button>
      </div>
      {state && !state.ok && !state.fieldErrors.confirmName ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
