"use server";
// Per-MA password management settings (admin; audited by the service).
import { revalidatePath } from "next/cache";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import type { MaPasswordSettingsView } from "../../../lib/dto/password.ts";
import { passwordSettingsInputSchema } from "../../../lib/schemas/password.ts";
import { updatePasswordSettings } from "../../../lib/services/password-settings.ts";

export async function updatePasswordSettingsAction(_prev: ActionState<MaPasswordSettingsView>, form: FormData): Promise<ActionState<MaPasswordSettingsView>> {
  const result = await guardedAction("admin", passwordSettingsInputSchema, Object.fromEntries(form), (input, user) => updatePasswordSettings(user, input));
  if (result.ok) revalidatePath("/password-settings");
  return result;
}
