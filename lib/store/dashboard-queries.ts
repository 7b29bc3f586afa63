// Read models of the Dashboard and the Operations charts. Every figure is a COUNT / GROUP BY the
// database answers from an index (MvObject.objectType, RunError.stepId, Run.maId+queuedAt): nothing
// here loads csentries or mventries, so a metaverse of millions costs index scans, not memory.
import type { MetaverseTypeCount, RunTrendPoint } from "../dto/dashboard.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonObject } from "./json-field.ts";

/** mventries per object type; model types with no mventry yet count 0. */
export async function selectMetaverseSizes(db: Db | Tx = getDb()): Promise<MetaverseTypeCount[]> {
  const [types, groups] = await Promise.all([
    db.mvObjectType.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    db.mvObject.groupBy({ by: ["objectType"], _count: { _all: true } }),
  ]);
  const counts = new Map(groups.map((g) => [g.objectType, g._count._all]));
  const names = [...new Set([...types.map((t) => t.name), ...counts.keys()])].sort();
  return names.map((objectType) => ({ objectType, count: counts.get(objectType) ?? 0 }));
}

/**
 * The last `limit` ended runs (of one MA, or of all), oldest first, with what their steps recorded:
 * duration, objects processed, counters and error count. Bounded by `limit` runs and their steps.
 */
export async function selectRunTrend(opts: { maId?: string; limit: number }, db: Db | Tx = getDb()): Promise<RunTrendPoint[]> {
  const runs = await db.run.findMany({
    where: { endedAt: { not: null }, ...(opts.maId ? { maId: opts.maId } : {}) },
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: { id: true, maId: true, profileName: true, status: true, startedAt: true, endedAt: true, ma: { select: { name: true } } },
  });
  if (runs.length === 0) return [];
  const steps = await db.runStep.findMany({
    where: { runId: { in: runs.map((r) => r.id) } },
    select: { id: true, runId: true, stats: true, progress: true },
  });
  const errorGroups = steps.length
    ? await db.runError.groupBy({ by: ["stepId"], where: { stepId: { in: steps.map((s) => s.id) } }, _count: { _all: true } })
    : [];
  const errorsByStep = new Map(errorGroups.map((g) => [g.stepId, g._count._all]));
  const byRun = new Map<string, { objects: number; errors: number; counters: Record<string, number> }>();
  for (const s of steps) {
    const acc = byRun.get(s.runId) ?? { objects: 0, errors: 0, counters: {} };
    const done = parseJsonObject<{ done?: unknown }>(s.progress, {}).done;
    if (typeof done === "number" && Number.isFinite(done)) acc.objects += done;
    acc.errors += errorsByStep.get(s.id) ?? 0;
    for (const [name, n] of Object.entries(parseJsonObject(s.stats, {}))) {
      if (name !== "errors" && typeof n === "number" && Number.isFinite(n)) acc.counters[name] = (acc.counters[name] ?? 0) + n;
    }
    byRun.set(s.runId, acc);
  }
  return runs.reverse().map((r) => {
    const acc = byRun.get(r.id) ?? { objects: 0, errors: 0, counters: {} };
    const durationMs = r.startedAt && r.endedAt ? Math.max(0, r.endedAt.getTime() - r.startedAt.getTime()) : null;
    return {
      runId: r.id, maId: r.maId, maName: r.ma.name, profileName: r.profileName, status: r.status,
      startedAt: iso(r.startedAt), endedAt: iso(r.endedAt), durationMs,
      objects: acc.objects,
      // a run faster than a millisecond still processed its objects: count it as 1 ms, not infinity
      objectsPerSecond: durationMs === null ? null : Math.round((acc.objects / Math.max(durationMs, 1)) * 1000 * 10) / 10,
      errors: acc.errors, counters: acc.counters,
    };
  });
}

export async function selectMaNames(db: Db | Tx = getDb()): Promise<{ id: string; name: string }[]> {
  return db.managementAgent.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
