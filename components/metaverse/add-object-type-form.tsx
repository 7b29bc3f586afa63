"use client";
// Metaverse Designer: add an object type (server action passed in by the page).
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { Button, Field, Input, Notice } from "../ui/form.tsx";

type Action = (prev: ActionState<{ name: string }>, form: FormData) => Promise<ActionState<{ name: string }>>;

export function AddObjectTypeForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3" aria-label="Add object type">
      <h3 className="font-semibold">Add object type</h3>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">Object type “{state.data.name}” added.</Notice> : null}
      <Field label="Name" htmlFor="ot-name" errors={errors.name} hint="Starts with a letter: letters, digits, _ and -">
        <Input id="ot-name" name="name" required maxLength={64} />
      </Field>
      <Field label="Description" htmlFor="ot-description" errors={errors.description}>
        <Input id="ot-description" name="description" maxLength={500} />
      </Field>
      <div>
        <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add object type"}</Button>
      </div>
    </form>
  );
}
