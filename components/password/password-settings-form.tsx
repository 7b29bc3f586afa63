"use client";
// One MA's password management switches (admin): enable, and require a change at next logon.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { MaPasswordSettingsView } from "../../lib/dto/password.ts";
import { Button, Notice } from "../ui/form.tsx";

type Action = (prev: ActionState<MaPasswordSettingsView>, form: FormData) => Promise<ActionState<MaPasswordSettingsView>>;

export function PasswordSettingsForm({ action, ma, readOnly }: { action: Action; ma: MaPasswordSettingsView; readOnly: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  const current = state?.ok ? state.data : ma;
  const disabled = readOnly || !ma.supportsPassword;
  return (
    <form action={formAction} aria-label={`Password settings of ${ma.maName}`} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="maId" value={ma.maId} />
      <label className="flex items-center gap-1 text-[13px]">
        <input type="checkbox" name="enabled" defaultChecked={current.enabled} disabled={disabled} /> Manage passwords
      </label>
      <label className="flex items-center gap-1 text-[13px]">
        <input type="checkbox" name="mustChangeAtNextLogon" defaultChecked={current.mustChangeAtNextLogon} disabled={disabled || !ma.supportsMustChange} /> Require a change at next logon
      </label>
      {disabled ? null : <Button type="submit" variant="secondary" disabled={pending}>Save</Button>}
      {state?.ok ? <span className="text-xs text-emerald-700" role="status">Saved</span> : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
