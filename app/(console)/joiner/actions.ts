"use server";
// Joiner server actions (admin): join, project, explicit disconnector and back; audited by the service.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import type { JoinerResult } from "../../../lib/dto/metaverse.ts";
import { disconnectorStateInputSchema, joinInputSchema, projectInputSchema } from "../../../lib/schemas/joiner.ts";
import { changeDisconnectorState, joinDisconnector, projectDisconnector } from "../../../lib/services/joiner-actions.ts";

type State = ActionState<JoinerResult>;

/** After a join or projection the csentry page shows the new link and its pending import. */
function done(result: State): State {
  if (!result?.ok) return result;
  revalidatePath("/joiner");
  redirect(`/management-agents/${result.data.maId}/cs/${result.data.csId}`);
}

export async function joinAction(_prev: State, form: FormData): Promise<State> {
  return done(await guardedAction("admin", joinInputSchema, Object.fromEntries(form), (input, user) => joinDisconnector(user, input)));
}

export async function projectAction(_prev: State, form: FormData): Promise<State> {
  return done(await guardedAction("admin", projectInputSchema, Object.fromEntries(form), (input, user) => projectDisconnector(user, input)));
}

export async function disconnectorStateAction(_prev: State, form: FormData): Promise<State> {
  const result = await guardedAction("admin", disconnectorStateInputSchema, Object.fromEntries(form), (input, user) => changeDisconnectorState(user, input));
  if (result.ok) {
    revalidatePath("/joiner");
    revalidatePath(`/joiner/${result.data.csId}`);
  }
  return result;
}
