"use server";
// Schedules (admin): create, change, enable/disable, delete; validated and audited by the service.
import { revalidatePath } from "next/cache";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import { scheduleEnabledSchema, scheduleIdSchema, scheduleInputSchema, scheduleUpdateSchema } from "../../../lib/schemas/schedules.ts";
import { createSchedule, deleteSchedule, enableSchedule, updateSchedule } from "../../../lib/services/schedules.ts";

type Saved = { id: string; name: string };

export async function saveScheduleAction(_prev: ActionState<Saved>, form: FormData): Promise<ActionState<Saved>> {
  const input = Object.fromEntries(form);
  const result = input.id
    ? await guardedAction("admin", scheduleUpdateSchema, input, (data, user) => updateSchedule(user, data))
    : await guardedAction("admin", scheduleInputSchema, input, (data, user) => createSchedule(user, data));
  if (result.ok) revalidatePath("/schedules");
  return result;
}

export async function setScheduleEnabledAction(_prev: ActionState<{ id: string; enabled: boolean }>, form: FormData): Promise<ActionState<{ id: string; enabled: boolean }>> {
  const result = await guardedAction("admin", scheduleEnabledSchema, Object.fromEntries(form), (data, user) => enableSchedule(user, data.id, data.enabled));
  if (result.ok) revalidatePath("/schedules");
  return result;
}

export async function deleteScheduleAction(_prev: ActionState<Saved>, form: FormData): Promise<ActionState<Saved>> {
  const result = await guardedAction("admin", scheduleIdSchema, Object.fromEntries(form), (data, user) => deleteSchedule(user, data.id));
  if (result.ok) revalidatePath("/schedules");
  return result;
}
