// Read model of an mventry's attribute history (MvHistory), newest first, paged.
import type { MvHistoryView } from "../dto/metaverse.ts";
import type { Page } from "../dto/run.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { parseJsonArray } from "./json-field.ts";
import { selectMaNames } from "./ma-detail-queries.ts";

export async function selectMvHistory(mvId: string, page: number, pageSize: number, db: Db | Tx = getDb()): Promise<Page<MvHistoryView>> {
  const [total, rows] = await Promise.all([
    db.mvHistory.count({ where: { mvId } }),
    db.mvHistory.findMany({ where: { mvId }, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const names = await selectMaNames(rows.map((r) => r.maId).filter((x): x is string => !!x), db);
  return {
    page, pageSize, total,
    items: rows.map((r) => ({
      id: r.id, attr: r.attr,
      oldValue: parseJsonArray<string>(r.oldValue).map(String),
      newValue: parseJsonArray<string>(r.newValue).map(String),
      maId: r.maId, maName: r.maId ? (names.get(r.maId) ?? null) : null,
      runId: r.runId, rule: r.rule, at: r.at.toISOString(),
    })),
  };
}

export async function mvExists(mvId: string, db: Db | Tx = getDb()): Promise<boolean> {
  return (await db.mvObject.count({ where: { id: mvId } })) > 0;
}
