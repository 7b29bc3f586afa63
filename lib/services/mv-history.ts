// Where an mventry's values came from (helpdesk may read it): the lineage of each attribute (which
// MA, run and rule last wrote it) and the attribute history, newest first.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { LineageView, MvEntryDetail, MvHistoryView } from "../dto/metaverse.ts";
import type { Page } from "../dto/run.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectMaNames } from "../store/ma-detail-queries.ts";
import { mvExists, selectMvHistory } from "../store/mv-history-queries.ts";

export const MV_HISTORY_PAGE_SIZE = 25;

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The lineage of every attribute of the mventry, MA ids resolved to names. */
export async function attributeLineage(actor: SessionUser, mv: Pick<MvEntryDetail, "attrs" | "lineage">, db: Db = getDb()): Promise<LineageView[]> {
  assertRole(actor, "helpdesk");
  const entries = Object.entries(mv.lineage).map(([attr, raw]) => [attr, (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>] as const);
  const names = await selectMaNames(entries.map(([, l]) => str(l.maId)).filter((x): x is string => !!x), db);
  const attrs = [...new Set([...Object.keys(mv.attrs), ...entries.map(([a]) => a)])].sort();
  const byAttr = new Map(entries);
  return attrs.map((attr) => {
    const l = byAttr.get(attr);
    const maId = l ? str(l.maId) : null;
    return {
      attr,
      maId,
      maName: (maId ? names.get(maId) : undefined) ?? (l ? str(l.ma) : null),
      runId: l ? str(l.runId) : null,
      rule: l ? str(l.rule) : null,
      at: l ? str(l.at) : null,
    };
  });
}

export async function getMvHistory(actor: SessionUser, mvId: string, page: number, db: Db = getDb(), pageSize = MV_HISTORY_PAGE_SIZE): Promise<Page<MvHistoryView>> {
  assertRole(actor, "helpdesk");
  if (!(await mvExists(mvId, db))) throw new AppError("NOT_FOUND", `no mventry with id ${mvId}`);
  return selectMvHistory(mvId, page, pageSize, db);
}
