"use client";
// Help desk: set a typed or generated password for one identity, see the result per system and
// retry the systems that failed with the same password.
import { useActionState, useState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { PasswordResetResult, PasswordTargetView } from "../../lib/dto/password.ts";
import { Button, Field, Input, Notice } from "../ui/form.tsx";
import { PasswordResults } from "./password-results.tsx";

type Action = (prev: ActionState<PasswordResetResult>, form: FormData) => Promise<ActionState<PasswordResetResult>>;

export function HelpdeskResetForm({ action, mvId, targets, policyHint }: { action: Action; mvId: string; targets: PasswordTargetView[]; policyHint: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [mode, setMode] = useState<"typed" | "generate">("typed");
  const [typed, setTyped] = useState("");
  const applies = targets.filter((t) => t.applies);
  const data = state?.ok ? state.data : null;
  const lastPassword = data?.generatedPassword ?? typed;
  const failed = data?.results.filter((r) => r.status === "failure") ?? [];
  return (
    <div className="flex flex-col gap-3">
      <p className="text-[13px] text-slate-600">
        {applies.length === 0
          ? "No connected system of this identity manages passwords."
          : `The password will be set in: ${applies.map((t) => t.maName + (t.mustChange ? " (change required at next logon)" : "")).join(", ")}.`}
      </p>
      <form action={formAction} aria-label="Set a new password" className="flex max-w-md flex-col gap-2 rounded border border-slate-200 bg-white p-3">
        <input type="hidden" name="mvId" value={mvId} />
        <fieldset className="flex gap-4 text-[13px]">
          <label className="flex items-center gap-1"><input type="radio" name="mode" checked={mode === "typed"} onChange={() => setMode("typed")} /> Type a password</label>
          <label className="flex items-center gap-1"><input type="radio" name="mode" checked={mode === "generate"} onChange={() => setMode("generate")} /> Generate one</label>
        </fieldset>
        <input type="hidden" name="generate" value={mode === "generate" ? "true" : "false"} />
        {mode === "typed" ? (
          <Field label="New password" htmlFor="hd-password" hint={policyHint} errors={state && !state.ok ? state.fieldErrors.password : undefined}>
            <Input id="hd-password" name="password" type="password" autoComplete="new-password" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Field>
        ) : null}
        <div><Button type="submit" disabled={pending || applies.length === 0}>{pending ? "Setting…" : "Set password"}</Button></div>
      </form>
      {state && !state.ok && !state.fieldErrors.password ? <Notice tone="error">{state.message}</Notice> : null}
      {data ? (
        <div className="flex flex-col gap-2" data-testid="reset-result">
          {data.generatedPassword ? (
            <Notice tone="success">
              Generated password (shown once): <span className="select-all font-mono" data-testid="generated-password">{data.generatedPassword}</span>
            </Notice>
          ) : null}
          <PasswordResults results={data.results} />
          {failed.length > 0 ? (
            <form action={formAction} aria-label="Retry failed systems">
              <input type="hidden" name="mvId" value={mvId} />
              <input type="hidden" name="password" value={lastPassword} />
              <input type="hidden" name="onlyMaIds" value={failed.map((r) => r.maId).join(",")} />
              <Button type="submit" variant="secondary" disabled={pending}>Retry the {failed.length} failed system{failed.length > 1 ? "s" : ""}</Button>
            </form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
