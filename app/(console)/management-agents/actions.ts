"use server";
// Management agent server actions (admin): start a run profile, approve an export's deletes, switch
// staging mode, upload an MA's configuration (YAML), delete an MA, and discard an MA Designer draft. Validated with the shared zod schemas; the services check the role and audit.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../lib/dto/action-result.ts";
import type { MaDeletionResult } from "../../../lib/dto/management-agent.ts";
import type { StartedRunView } from "../../../lib/dto/run.ts";
import { deleteMaInputSchema, maConfigUploadSchema, stagingModeInputSchema } from "../../../lib/schemas/management-agents.ts";
import { applyMaConfig } from "../../../lib/services/config-as-code.ts";
import { approveDeletesInputSchema, startRunInputSchema } from "../../../lib/schemas/runs.ts";
import { deleteManagementAgent } from "../../../lib/services/ma-deletion.ts";
import { maDraftIdSchema } from "../../../lib/schemas/ma-drafts.ts";
import { discardMaDraft } from "../../../lib/services/ma-drafts.ts";
import { setStagingMode } from "../../../lib/services/management-agents.ts";
import { approveDeletesAndExport, startRunFromConsole } from "../../../lib/services/run-control.ts";

/** Starts the run and opens its live page; a refusal (RUN_IN_PROGRESS, ...) comes back as the form's message. */
export async function startRunAction(_prev: ActionState<StartedRunView>, form: FormData): Promise<ActionState<StartedRunView>> {
  const result = await guardedAction("admin", startRunInputSchema, Object.fromEntries(form), (input, user) => startRunFromConsole(user, input));
  if (!result.ok) return result;
  revalidatePath("/management-agents");
  redirect(`/operations/${encodeURIComponent(result.data.runId)}`);
}

export async function approveDeletesAction(_prev: ActionState<StartedRunView>, form: FormData): Promise<ActionState<StartedRunView>> {
  const result = await guardedAction("admin", approveDeletesInputSchema, Object.fromEntries(form), (input, user) => approveDeletesAndExport(user, input.maId));
  if (!result.ok) return result;
  revalidatePath("/management-agents");
  redirect(`/operations/${encodeURIComponent(result.data.runId)}`);
}

export async function setStagingModeAction(
  _prev: ActionState<{ maId: string; stagingMode: boolean }>,
  form: FormData,
): Promise<ActionState<{ maId: string; stagingMode: boolean }>> {
  const result = await guardedAction("admin", stagingModeInputSchema, Object.fromEntries(form), (input, user) => setStagingMode(user, input.maId, input.enabled));
  if (result.ok) revalidatePath(`/management-agents/${result.data.maId}`);
  return result;
}

/** Deletes the MA once its name is typed, then opens the list with what the deletion did. */
export async function deleteMaAction(_prev: ActionState<MaDeletionResult>, form: FormData): Promise<ActionState<MaDeletionResult>> {
  const result = await guardedAction("admin", deleteMaInputSchema, Object.fromEntries(form), (input, user) => deleteManagementAgent(user, input));
  if (!result.ok) return result;
  revalidatePath("/management-agents");
  const r = result.data;
  const q = new URLSearchParams({ deleted: r.maName, csObjects: String(r.csObjects), mventriesDeleted: String(r.mventriesDeleted), mventriesKept: String(r.mventriesKept), exportsStaged: String(r.exportsStaged), errors: String(r.errors) });
  redirect(`/management-agents?${q.toString()}`);
}

/** Applies an uploaded YAML configuration to the MA; a refusal lists every problem with its place. */
export async function applyMaConfigAction(
  _prev: ActionState<{ maName: string; runProfiles: number }>,
  form: FormData,
): Promise<ActionState<{ maName: string; runProfiles: number }>> {
  const file = form.get("file");
  const input = { maId: form.get("maId"), yaml: file instanceof Blob ? await file.text() : "" };
  const result = await guardedAction("admin", maConfigUploadSchema, input, (data, user) => applyMaConfig(user, data.maId, data.yaml));
  if (result.ok) revalidatePath(`/management-agents/${input.maId}`);
  return result;
}

/** Discards an MA Designer draft (the list's "Discard"). */
export async function discardMaDraftAction(_prev: ActionState<{ id: string; name: string }>, form: FormData): Promise<ActionState<{ id: string; name: string }>> {
  const result = await guardedAction("admin", maDraftIdSchema, Object.fromEntries(form), (input, user) => discardMaDraft(user, input.draftId));
  if (result.ok) revalidatePath("/management-agents");
  return result;
}
