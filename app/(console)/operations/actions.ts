"use server";
// Operations server actions (admin): stop a run. The service checks the role and audits.
import { revalidatePath } from "next/cache";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import type { RunStopView } from "../../../lib/dto/run.ts";
import { stopRunInputSchema } from "../../../lib/schemas/runs.ts";
import { requestRunStop } from "../../../lib/services/run-control.ts";

/** Asks the run to stop; a refusal (the run already ended, ...) comes back as the form's message. */
export async function stopRunAction(_prev: ActionState<RunStopView>, form: FormData): Promise<ActionState<RunStopView>> {
  const result = await guardedAction("admin", stopRunInputSchema, Object.fromEntries(form), (input, user) => requestRunStop(user, input.runId));
  if (result.ok) revalidatePath(`/operations/${result.data.runId}`);
  return result;
}
