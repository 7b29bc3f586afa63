"use client";
// API tokens (admin): create one (its secret is shown once) and revoke one.
import { useActionState } from "react";
import { ROLES } from "../../lib/auth/roles.ts";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { ApiTokenView } from "../../lib/dto/password.ts";
import { Button, Field, Input, Notice, Select } from "../ui/form.tsx";

type Created = { token: string; view: ApiTokenView };
type CreateAction = (prev: ActionState<Created>, form: FormData) => Promise<ActionState<Created>>;
type RevokeAction = (prev: ActionState<ApiTokenView>, form: FormData) => Promise<ActionState<ApiTokenView>>;

export function CreateApiTokenForm({ action }: { action: CreateAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <div className="flex flex-col gap-2">
      <form action={formAction} aria-label="Create an API token" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <Field label="Name" htmlFor="token-name" errors={errors.name}><Input id="token-name" name="name" placeholder="HR onboarding script" /></Field>
        <Field label="Role" htmlFor="token-role" errors={errors.role}>
          <Select id="token-role" name="role" defaultValue="helpdesk">{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</Select>
        </Field>
        <Button type="submit" disabled={pending}>Create token</Button>
      </form>
      {state?.ok ? (
        <Notice tone="success">
          Token for “{state.data.view.name}” ({state.data.view.role}). Copy it now: it is not shown again.
          <div className="mt-1 select-all break-all font-mono text-xs" data-testid="new-api-token">{state.data.token}</div>
        </Notice>
      ) : null}
      {state && !state.ok && !Object.keys(errors).length ? <Notice tone="error">{state.message}</Notice> : null}
    </div>
  );
}

export function RevokeApiTokenButton({ action, id }: { action: RevokeAction; id: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label="Revoke token">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>Revoke</Button>
      {state && !state.ok ? <span className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
