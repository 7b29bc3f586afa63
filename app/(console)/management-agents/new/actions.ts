"use server";
// MA Designer server actions (admin): role check and zod parse in guardedAction, then the service.
// Used by /management-agents/new and /management-agents/[maId]/edit.
import { revalidatePath } from "next/cache";
import { guardedAction } from "../../../../lib/auth/guarded.ts";
import type { ActionResult } from "../../../../lib/dto/action-result.ts";
import type { ConnectionTestView, FileSampleView, PageProblemView, SavedMaDraftView, RuleProblemView, SavedMaView, SchemaDiscoveryView } from "../../../../lib/dto/ma-designer.ts";
import { maConnectionInputSchema, maDraftSchema, rulesCheckInputSchema, type MaConnectionInput, type MaDraftInput } from "../../../../lib/schemas/ma-designer.ts";
import { maPageCheckSchema, type MaPageCheckInput } from "../../../../lib/schemas/ma-designer-pages.ts";
import { checkMaRules, discoverMaSchema, probeMaConnection, sampleMaFile, saveMa } from "../../../../lib/services/ma-designer.ts";
import { checkMaPage } from "../../../../lib/services/ma-designer-page-check.ts";
import { saveMaDraftSchema, type SaveMaDraftInput } from "../../../../lib/schemas/ma-drafts.ts";
import { saveMaDraft } from "../../../../lib/services/ma-drafts.ts";

/** The Connect page's "Test connection": the connection settings only. */
export async function probeConnectionAction(input: MaConnectionInput): Promise<ActionResult<ConnectionTestView>> {
  return guardedAction("admin", maConnectionInputSchema, input, (data, user) => probeMaConnection(user, data));
}

/** Next: the problems of one page's part of the draft. */
export async function checkPageAction(input: MaPageCheckInput): Promise<ActionResult<PageProblemView[]>> {
  return guardedAction("admin", maPageCheckSchema, input, (data, user) => checkMaPage(user, data));
}

export async function sampleFileAction(input: MaConnectionInput): Promise<ActionResult<FileSampleView>> {
  return guardedAction("admin", maConnectionInputSchema, input, (data, user) => sampleMaFile(user, data));
}

export async function discoverSchemaAction(input: MaConnectionInput): Promise<ActionResult<SchemaDiscoveryView>> {
  return guardedAction("admin", maConnectionInputSchema, input, (data, user) => discoverMaSchema(user, data));
}

export async function checkRulesAction(input: { rules: unknown }): Promise<ActionResult<RuleProblemView[]>> {
  return guardedAction("admin", rulesCheckInputSchema, input, async (data, user) => checkMaRules(user, data.rules));
}

/** "Save as draft": the half-finished MA, secrets left out (lib/services/ma-drafts.ts). */
export async function saveMaDraftAction(input: SaveMaDraftInput): Promise<ActionResult<SavedMaDraftView>> {
  const result = await guardedAction("admin", saveMaDraftSchema, input, (data, user) => saveMaDraft(user, data));
  if (result.ok) revalidatePath("/management-agents");
  return result;
}

/** Saves the whole draft; the browser opens the MA's page on success. */
export async function saveMaAction(input: MaDraftInput): Promise<ActionResult<SavedMaView>> {
  const result = await guardedAction("admin", maDraftSchema, input, (data, user) => saveMa(user, data));
  if (result.ok) {
    revalidatePath("/management-agents");
    revalidatePath(`/management-agents/${result.data.maId}`);
  }
  return result;
}
