// Read model of the run drill-down: one step's counter objects (RunStepObject) and errors, paged.
import type { Page, RunErrorView, StepObjectView } from "../dto/run.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { parseJsonObject } from "./json-field.ts";

export async function selectStepHeader(runId: string, stepId: string, db: Db | Tx = getDb()) {
  const step = await db.runStep.findFirst({
    where: { id: stepId, runId },
    include: { run: { select: { id: true, maId: true, profileName: true, ma: { select: { name: true } } } }, _count: { select: { errors: true } } },
  });
  if (!step) return null;
  const stats: Record<string, number> = {};
  for (const [k, v] of Object.entries(parseJsonObject(step.stats, {}))) if (typeof v === "number") stats[k] = v;
  return {
    runId: step.run.id, maId: step.run.maId, maName: step.run.ma.name, profileName: step.run.profileName,
    step: { id: step.id, seq: step.seq, type: step.type, status: step.status, stats, errorCount: step._count.errors },
  };
}

/** Where the csentries of these ids live now (deleted csentries are absent). */
async function csHomes(csIds: (string | null)[], db: Db | Tx): Promise<Map<string, { maId: string; maName: string }>> {
  const ids = [...new Set(csIds.filter((x): x is string => !!x))];
  if (ids.length === 0) return new Map();
  const rows = await db.csObject.findMany({ where: { id: { in: ids } }, select: { id: true, maId: true, ma: { select: { name: true } } } });
  return new Map(rows.map((r) => [r.id, { maId: r.maId, maName: r.ma.name }]));
}

export async function selectStepObjects(
  stepId: string,
  counter: string,
  page: number,
  pageSize: number,
  db: Db | Tx = getDb(),
): Promise<Page<StepObjectView>> {
  const where = { stepId, counter };
  const [total, rows] = await Promise.all([
    db.runStepObject.count({ where }),
    db.runStepObject.findMany({ where, orderBy: { id: "asc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const mvIds = [...new Set(rows.map((r) => r.mvId).filter((x): x is string => !!x))];
  const [homes, mvs] = await Promise.all([
    csHomes(rows.map((r) => r.csId), db),
    mvIds.length ? db.mvObject.findMany({ where: { id: { in: mvIds } }, select: { id: true } }) : Promise.resolve([]),
  ]);
  const mvExists = new Set(mvs.map((m) => m.id));
  return {
    page, pageSize, total,
    items: rows.map((r) => {
      const home = r.csId ? homes.get(r.csId) : undefined;
      return {
        id: r.id, counter: r.counter, anchor: r.anchor, dn: r.dn, csId: r.csId,
        csMaId: home?.maId ?? null, csMaName: home?.maName ?? null,
        mvId: r.mvId, mvExists: !!r.mvId && mvExists.has(r.mvId),
      };
    }),
  };
}

export async function selectStepErrors(
  stepId: string,
  page: number,
  pageSize: number,
  db: Db | Tx = getDb(),
): Promise<Page<RunErrorView & { csId: string | null; csMaId: string | null }>> {
  const [total, rows] = await Promise.all([
    db.runError.count({ where: { stepId } }),
    db.runError.findMany({ where: { stepId }, orderBy: { id: "asc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const homes = await csHomes(rows.map((r) => r.csId), db);
  return {
    page, pageSize, total,
    items: rows.map((e) => ({
      id: e.id, code: e.code, message: e.message, location: e.location, anchor: e.anchor, dn: e.dn, at: e.at.toISOString(),
      csId: e.csId, csMaId: e.csId ? (homes.get(e.csId)?.maId ?? null) : null,
    })),
  };
}
