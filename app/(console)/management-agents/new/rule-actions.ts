"use server";
// Server actions of the MA Designer's rule pages (admin, read-only): import precedence across MAs and
// the preview of one expression on a sample object. Used by /management-agents/new and .../edit.
import { guardedAction } from "../../../../lib/auth/guarded.ts";
import type { ActionResult } from "../../../../lib/dto/action-result.ts";
import type { AttributePrecedenceView, ExpressionPreviewView } from "../../../../lib/dto/ma-designer-rules.ts";
import { expressionPreviewInputSchema, precedenceInputSchema, type ExpressionPreviewInput, type PrecedenceInput } from "../../../../lib/schemas/ma-designer-rules.ts";
import { previewExpression } from "../../../../lib/services/ma-designer-expression-preview.ts";
import { listImportPrecedence } from "../../../../lib/services/ma-designer-precedence.ts";

export async function importPrecedenceAction(input: PrecedenceInput): Promise<ActionResult<AttributePrecedenceView[]>> {
  return guardedAction("admin", precedenceInputSchema, input, (data, user) => listImportPrecedence(user, data));
}

export async function previewExpressionAction(input: ExpressionPreviewInput): Promise<ActionResult<ExpressionPreviewView>> {
  return guardedAction("admin", expressionPreviewInputSchema, input, (data, user) => previewExpression(user, data));
}
