// Read model of run history (Run, RunStep, RunError) for the Operations pages and /api/runs.
import type { Page, RunDetail, RunSummary } from "../dto/run.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonObject } from "./json-field.ts";

const ERRORS_PER_STEP = 200;

type RunRow = {
  id: string; maId: string; profileName: string; status: string; trigger: string; startedBy: string;
  message: string | null; queuedAt: Date; startedAt: Date | null; endedAt: Date | null; ma: { name: string };
  stopRequestedAt: Date | null; stopRequestedBy: string | null;
};

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id, maId: r.maId, maName: r.ma.name, profileName: r.profileName, status: r.status, trigger: r.trigger,
    startedBy: r.startedBy, message: r.message, queuedAt: r.queuedAt.toISOString(), startedAt: iso(r.startedAt), endedAt: iso(r.endedAt),
    stopRequestedAt: iso(r.stopRequestedAt), stopRequestedBy: r.stopRequestedBy,
  };
}

/** Run history filters; `before` is exclusive (the day after the last day asked for). */
export interface RunFilter {
  maId?: string;
  profileName?: string;
  status?: string;
  queuedFrom?: Date;
  queuedBefore?: Date;
}

/** One page of run history, newest first, with the number of runs matching the filter. */
export async function selectRunPage(filter: RunFilter, page: number, pageSize: number, db: Db | Tx = getDb()): Promise<Page<RunSummary>> {
  const where = {
    ...(filter.maId ? { maId: filter.maId } : {}),
    ...(filter.profileName ? { profileName: filter.profileName } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.queuedFrom || filter.queuedBefore ? { queuedAt: { ...(filter.queuedFrom ? { gte: filter.queuedFrom } : {}), ...(filter.queuedBefore ? { lt: filter.queuedBefore } : {}) } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({ where, orderBy: [{ queuedAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize, include: { ma: { select: { name: true } } } }),
  ]);
  return { page, pageSize, total, items: rows.map(toSummary) };
}

/** What the run history filters offer: every MA, and the names of run profiles (current ones and those runs recorded). */
export async function selectRunFilterChoices(db: Db | Tx = getDb()): Promise<{ mas: { id: string; name: string }[]; profiles: string[] }> {
  const [mas, profiles, ran] = await Promise.all([
    db.managementAgent.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.runProfile.findMany({ select: { name: true }, distinct: ["name"] }),
    db.run.groupBy({ by: ["profileName"] }),
  ]);
  const names = new Set([...profiles.map((p) => p.name), ...ran.map((r) => r.profileName)]);
  return { mas, profiles: [...names].sort((a, b) => a.localeCompare(b)) };
}

export async function selectRunDetail(id: string, db: Db | Tx = getDb()): Promise<RunDetail | null> {
  const run = await db.run.findUnique({
    where: { id },
    include: {
      ma: { select: { name: true } },
      steps: {
        orderBy: { seq: "asc" },
        include: {
          errors: { orderBy: { id: "asc" }, take: ERRORS_PER_STEP },
          _count: { select: { errors: true } },
        },
      },
    },
  });
  if (!run) return null;
  return {
    ...toSummary(run),
    steps: run.steps.map((s) => ({
      id: s.id, seq: s.seq, type: s.type, status: s.status, message: s.message,
      stats: numericCounters(parseJsonObject(s.stats, {})),
      progress: parseJsonObject<{ done?: number; total?: number }>(s.progress, {}),
      startedAt: s.startedAt.toISOString(), endedAt: iso(s.endedAt), errorCount: s._count.errors,
      errors: s.errors.map((e) => ({
        id: e.id, code: e.code, message: e.message, location: e.location, anchor: e.anchor, dn: e.dn, at: e.at.toISOString(),
      })),
    })),
  };
}

function numericCounters(o: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  return out;
}
