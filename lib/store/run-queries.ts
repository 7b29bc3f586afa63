// Read model of run history (Run, RunStep, RunError) for the Operations pages and /api/runs.
import type { RunDetail, RunSummary } from "../dto/run.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonObject } from "./json-field.ts";

const ERRORS_PER_STEP = 200;

type RunRow = {
  id: string; maId: string; profileName: string; status: string; trigger: string; startedBy: string;
  message: string | null; queuedAt: Date; startedAt: Date | null; endedAt: Date | null; ma: { name: string };
};

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id, maId: r.maId, maName: r.ma.name, profileName: r.profileName, status: r.status, trigger: r.trigger,
    startedBy: r.startedBy, message: r.message, queuedAt: r.queuedAt.toISOString(), startedAt: iso(r.startedAt), endedAt: iso(r.endedAt),
  };
}

export async function selectRuns(opts: { limit: number; maId?: string }, db: Db | Tx = getDb()): Promise<RunSummary[]> {
  const rows = await db.run.findMany({
    where: opts.maId ? { maId: opts.maId } : {},
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    include: { ma: { select: { name: true } } },
  });
  return rows.map(toSummary);
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
