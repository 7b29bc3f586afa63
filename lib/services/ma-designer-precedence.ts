// Import precedence across MAs for the MA Designer's Attribute flow page (admin, read-only): for each
// mventry attribute the wizard's MA flows into, every MA's import flow into it, ranked the way the
// sync engine ranks them (SyncEnvironment: precedence number, lower wins, then MA name).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { ImportFlowRule } from "../engine/rules.ts";
import type { AttributePrecedenceView, PrecedenceContributorView } from "../dto/ma-designer-rules.ts";
import { precedenceInputSchema, type PrecedenceInput } from "../schemas/ma-designer-rules.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectImportFlowsOfMas, selectMvPrecedenceModes } from "../store/ma-designer-rule-queries.ts";
import { AppError } from "../errors/app-error.ts";

/** The engine's default when an import flow names no precedence. */
export const DEFAULT_PRECEDENCE = 100;

const keyOf = (mvObjectType: string, mv: string) => `${mvObjectType}\0${mv}`;

function contributor(maId: string | null, maName: string, thisMa: boolean, flow: ImportFlowRule): Omit<PrecedenceContributorView, "rank"> {
  const direct = flow.expression === undefined;
  return {
    maId, maName, thisMa, objectType: flow.objectType,
    kind: direct ? "direct" : "expression",
    source: (direct ? flow.cs : flow.expression) ?? "",
    precedence: flow.precedence ?? DEFAULT_PRECEDENCE,
  };
}

/**
 * One entry per mventry attribute of `input.importFlows` (in the order the flows name them), with the
 * stored import flows of every other MA into the same attribute. The edited MA's stored flows are
 * replaced by the wizard's (unsaved) ones; a new MA is shown under `maName`.
 */
export async function listImportPrecedence(actor: SessionUser, input: PrecedenceInput, db: Db = getDb()): Promise<AttributePrecedenceView[]> {
  assertRole(actor, "admin");
  const parsed = precedenceInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `import flows: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const { maId, maName, importFlows } = parsed.data;
  const wanted: { mvObjectType: string; mv: string }[] = [];
  const seen = new Set<string>();
  for (const f of importFlows) {
    const key = keyOf(f.mvObjectType, f.mv);
    if (!f.mv || !f.mvObjectType || seen.has(key)) continue;
    seen.add(key);
    wanted.push({ mvObjectType: f.mvObjectType, mv: f.mv });
  }
  if (wanted.length === 0) return [];

  const [stored, modes] = await Promise.all([selectImportFlowsOfMas(db), selectMvPrecedenceModes(db)]);
  const byKey = new Map<string, Omit<PrecedenceContributorView, "rank">[]>();
  const add = (mvObjectType: string, mv: string, c: Omit<PrecedenceContributorView, "rank">) => {
    const key = keyOf(mvObjectType, mv);
    if (seen.has(key)) byKey.set(key, [...(byKey.get(key) ?? []), c]);
  };
  const ownName = stored.find((m) => m.maId === maId)?.maName ?? (maName || "(this MA)");
  for (const ma of stored) {
    if (ma.maId === maId) continue;
    for (const f of ma.importFlows) if (f && typeof f === "object") add(f.mvObjectType, f.mv, contributor(ma.maId, ma.maName, false, f));
  }
  for (const f of importFlows) add(f.mvObjectType, f.mv, contributor(maId ?? null, maName || ownName, true, f as ImportFlowRule));

  return wanted.map(({ mvObjectType, mv }) => {
    const list = (byKey.get(keyOf(mvObjectType, mv)) ?? []).sort((a, b) => a.precedence - b.precedence || a.maName.localeCompare(b.maName));
    const contributors = list.map((c, i) => ({ ...c, rank: i + 1 }));
    const own = contributors.filter((c) => c.thisMa);
    const best = own[0];
    return {
      mvObjectType, mv,
      mode: modes.get(keyOf(mvObjectType, mv)) ?? null,
      contributors,
      rank: best?.rank ?? contributors.length + 1,
      tied: own.some((o) => contributors.some((c) => !c.thisMa && c.precedence === o.precedence)),
    };
  });
}
