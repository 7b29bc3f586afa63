"use server";
// The csentry page's preview (admin): what a synchronization would do with this csentry, writing nothing.
import { z } from "zod";
import { guardedAction } from "../../../../../../lib/auth/guarded.ts";
import type { ActionState } from "../../../../../../lib/dto/action-result.ts";
import type { PreviewView } from "../../../../../../lib/dto/connector-space.ts";
import { previewCsEntryById } from "../../../../../../lib/services/connector-space.ts";

const previewInputSchema = z.object({ maId: z.string().trim().min(1).max(100), csId: z.string().trim().min(1).max(100) });

export async function previewAction(_prev: ActionState<PreviewView>, form: FormData): Promise<ActionState<PreviewView>> {
  return guardedAction("admin", previewInputSchema, Object.fromEntries(form), (input, user) => previewCsEntryById(user, input.maId, input.csId));
}
