// The value of one rule expression on a sample object, for the MA Designer's expression fields
// (admin, read-only). csentry expressions (connector filters, join, projection condition, import
// flows) run on a csentry from the wizard's connection preview, else the first one of the type in the
// MA's connector space; mventry expressions (export flows, provisioning) on the first mventry of the
// metaverse object type. Evaluation is the engine's own (flow-eval.ts), so the preview and a sync agree.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { compileExpression, ExpressionError } from "../engine/expressions.ts";
import { evalCs, evalCsBool, evalMv, evalMvBool, RuleError } from "../engine/flow-eval.ts";
import type { ExpressionPreviewView, ExpressionSampleView } from "../dto/ma-designer-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { expressionPreviewInputSchema, type ExpressionPreviewInput } from "../schemas/ma-designer-rules.ts";
import { getDb, type Db } from "../store/db.ts";
import { displayNameOf } from "../store/metaverse-queries.ts";
import { selectMvMultiValued, selectSampleCsEntry, selectSampleMvEntry } from "../store/ma-designer-rule-queries.ts";

const RULE = "preview";
const FIRST_CANDIDATE = { isTaken: async () => false };
/** Enough values to see what a multi-valued result holds without shipping a whole group's members. */
const MAX_VALUES = 50;

function failed(e: unknown, sample: ExpressionSampleView): ExpressionPreviewView {
  if (e instanceof RuleError) {
    // The engine wraps the ExpressionError; its position is the one the field marks.
    const cause = e.cause instanceof ExpressionError ? e.cause : undefined;
    const message = (cause?.message ?? e.message).replace(`rule ${RULE}: `, "").replace(`rule "${RULE}": `, "");
    return { ok: false, code: "expression-failed", message, ...(cause?.position !== undefined ? { position: cause.position } : {}), sample };
  }
  throw e;
}

export async function previewExpression(actor: SessionUser, input: ExpressionPreviewInput, db: Db = getDb()): Promise<ExpressionPreviewView> {
  assertRole(actor, "admin");
  const parsed = expressionPreviewInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `expression preview: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const q = parsed.data;
  try {
    compileExpression(q.source);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    return { ok: false, code: "invalid-expression", message: e.message, ...(e.position !== undefined ? { position: e.position } : {}) };
  }

  if (q.scope === "csentry") {
    let cs: { dn: string; anchor: string | null; objectType: string; attrs: Record<string, string[]> } | null = null;
    let from: ExpressionSampleView["from"] = "connection-preview";
    if (q.sample) cs = { dn: q.sample.dn, anchor: q.sample.anchor ?? null, objectType: q.objectType, attrs: q.sample.attrs };
    else if (q.maId) {
      cs = await selectSampleCsEntry(q.maId, q.objectType, db);
      from = "connector-space";
    }
    if (!cs) {
      return { ok: false, code: "no-sample", message: `no sample ${q.objectType} csentry: discover the schema (its preview gives the samples)${q.maId ? " or import into the connector space" : ""}` };
    }
    const sample: ExpressionSampleView = { kind: "csentry", from, objectType: q.objectType, label: cs.dn || cs.anchor || "(no DN)" };
    try {
      // $unique shows its first candidate: the preview has no synchronization to check it against.
      const values = await evalCs(q.source, RULE, cs, { uniqueness: FIRST_CANDIDATE });
      const condition = q.condition ? await evalCsBool(q.source, RULE, cs) : undefined;
      return { ok: true, sample, values: values.slice(0, MAX_VALUES), ...(condition !== undefined ? { condition } : {}) };
    } catch (e) {
      return failed(e, sample);
    }
  }

  const mv = await selectSampleMvEntry(q.objectType, db);
  if (!mv) return { ok: false, code: "no-sample", message: `no ${q.objectType} mventry in the metaverse yet to preview on` };
  const multi = await selectMvMultiValued(q.objectType, db);
  const sample: ExpressionSampleView = { kind: "mventry", from: "metaverse", objectType: q.objectType, label: displayNameOf(mv.attrs, mv.id) };
  const isMulti = (name: string) => multi.has(name);
  try {
    const values = await evalMv(q.source, RULE, mv, isMulti);
    const condition = q.condition ? await evalMvBool(q.source, RULE, mv, isMulti) : undefined;
    return { ok: true, sample, values: values.slice(0, MAX_VALUES), ...(condition !== undefined ? { condition } : {}) };
  } catch (e) {
    return failed(e, sample);
  }
}
