"use server";
// Help-desk password reset (helpdesk role): the service checks the policy, sets the password in
// every connected system that manages passwords and audits it. The password never comes back.
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import type { PasswordResetResult } from "../../../lib/dto/password.ts";
import { passwordResetInputSchema } from "../../../lib/schemas/password.ts";
import { resetPassword } from "../../../lib/services/password-reset.ts";

export async function resetPasswordAction(_prev: ActionState<PasswordResetResult>, form: FormData): Promise<ActionState<PasswordResetResult>> {
  return guardedAction("helpdesk", passwordResetInputSchema, Object.fromEntries(form), (input, user) => resetPassword(user, input));
}
