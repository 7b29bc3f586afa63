"use server";
// REST API tokens (admin): create (secret shown once) and revoke; audited by the service.
import { revalidatePath } from "next/cache";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import type { ApiTokenView } from "../../../lib/dto/password.ts";
import { apiTokenIdSchema, apiTokenInputSchema } from "../../../lib/schemas/password.ts";
import { createApiToken, revokeApiToken } from "../../../lib/services/api-tokens.ts";

export async function createApiTokenAction(_prev: ActionState<{ token: string; view: ApiTokenView }>, form: FormData): Promise<ActionState<{ token: string; view: ApiTokenView }>> {
  const result = await guardedAction("admin", apiTokenInputSchema, Object.fromEntries(form), (input, user) => createApiToken(user, input));
  if (result.ok) revalidatePath("/api-tokens");
  return result;
}

export async function revokeApiTokenAction(_prev: ActionState<ApiTokenView>, form: FormData): Promise<ActionState<ApiTokenView>> {
  const result = await guardedAction("admin", apiTokenIdSchema, Object.fromEntries(form), (input, user) => revokeApiToken(user, input.id));
  if (result.ok) revalidatePath("/api-tokens");
  return result;
}
