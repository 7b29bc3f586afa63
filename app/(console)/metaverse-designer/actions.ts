"use server";
// Metaverse Designer server actions (admin): validated with the shared zod schemas, audited by the service.
import { revalidatePath } from "next/cache";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import { attributeInputSchema, objectTypeInputSchema } from "../../../lib/schemas/metaverse.ts";
import { addAttribute, addObjectType } from "../../../lib/services/metaverse-designer.ts";

export async function addObjectTypeAction(_prev: ActionState<{ name: string }>, form: FormData): Promise<ActionState<{ name: string }>> {
  const result = await guardedAction("admin", objectTypeInputSchema, Object.fromEntries(form), (input, user) => addObjectType(user, input));
  if (result.ok) revalidatePath("/metaverse-designer");
  return result;
}

export async function addAttributeAction(
  _prev: ActionState<{ objectType: string; name: string }>,
  form: FormData,
): Promise<ActionState<{ objectType: string; name: string }>> {
  const result = await guardedAction("admin", attributeInputSchema, Object.fromEntries(form), (input, user) => addAttribute(user, input));
  if (result.ok) revalidatePath("/metaverse-designer");
  return result;
}
