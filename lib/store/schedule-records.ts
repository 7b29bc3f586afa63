// Schedules and their firings in the database: the Schedules page, config as code and the scheduler.
import type { Db, Tx } from "./db.ts";
import { getDb } from "./db.ts";

export interface ScheduleStepRow {
  ma: string;
  profile: string;
}

export interface ScheduleRow {
  id: string;
  name: string;
  cron: string;
  enabled: boolean;
  steps: ScheduleStepRow[];
}

/** A run profile's own `schedule` key: a one-step schedule kept on the profile. */
export interface ProfileScheduleRow {
  runProfileId: string;
  ma: string;
  profile: string;
  cron: string;
}

export type FiringResult = "running" | "success" | "missed" | "failed";

export interface FiringRow {
  id: string;
  scheduleId: string | null;
  runProfileId: string | null;
  firedAt: Date;
  endedAt: Date | null;
  result: FiringResult;
  message: string | null;
  runIds: string[];
}

const withSteps = { steps: { orderBy: { seq: "asc" as const } } };

function toRow(s: { id: string; name: string; cron: string; enabled: boolean; steps: { maName: string; profileName: string }[] }): ScheduleRow {
  return { id: s.id, name: s.name, cron: s.cron, enabled: s.enabled, steps: s.steps.map((x) => ({ ma: x.maName, profile: x.profileName })) };
}

export async function selectSchedules(db: Db | Tx = getDb(), where: { enabled?: boolean } = {}): Promise<ScheduleRow[]> {
  const rows = await db.schedule.findMany({ where, orderBy: { name: "asc" }, include: withSteps });
  return rows.map(toRow);
}

export async function selectSchedule(id: string, db: Db | Tx = getDb()): Promise<ScheduleRow | null> {
  const row = await db.schedule.findUnique({ where: { id }, include: withSteps });
  return row ? toRow(row) : null;
}

export async function selectScheduleByName(name: string, db: Db | Tx = getDb()): Promise<ScheduleRow | null> {
  const row = await db.schedule.findUnique({ where: { name }, include: withSteps });
  return row ? toRow(row) : null;
}

export async function selectProfileSchedules(db: Db | Tx = getDb()): Promise<ProfileScheduleRow[]> {
  const rows = await db.runProfile.findMany({ where: { schedule: { not: null } }, include: { ma: { select: { name: true } } }, orderBy: { name: "asc" } });
  return rows.map((p) => ({ runProfileId: p.id, ma: p.ma.name, profile: p.name, cron: p.schedule! }));
}

/** MA name -> its run profile names: what a schedule step may name. */
export async function selectMaProfiles(db: Db | Tx = getDb()): Promise<Map<string, string[]>> {
  const mas = await db.managementAgent.findMany({ orderBy: { name: "asc" }, select: { name: true, runProfiles: { select: { name: true }, orderBy: { name: "asc" } } } });
  return new Map(mas.map((m) => [m.name, m.runProfiles.map((p) => p.name)]));
}

/** Creates or replaces (by id, else by name) a schedule with its steps; returns its id. */
export async function writeSchedule(tx: Tx, input: { id?: string; name: string; cron: string; enabled: boolean; steps: ScheduleStepRow[] }): Promise<string> {
  const data = { name: input.name, cron: input.cron, enabled: input.enabled };
  const row = input.id
    ? await tx.schedule.update({ where: { id: input.id }, data })
    : await tx.schedule.upsert({ where: { name: input.name }, create: data, update: data });
  await tx.scheduleStep.deleteMany({ where: { scheduleId: row.id } });
  await tx.scheduleStep.createMany({ data: input.steps.map((s, seq) => ({ scheduleId: row.id, seq, maName: s.ma, profileName: s.profile })) });
  return row.id;
}

export async function setScheduleEnabled(id: string, enabled: boolean, db: Db | Tx = getDb()): Promise<ScheduleRow | null> {
  const n = await db.schedule.updateMany({ where: { id }, data: { enabled } });
  return n.count ? selectSchedule(id, db) : null;
}

export async function deleteScheduleRow(id: string, db: Db | Tx = getDb()): Promise<boolean> {
  const n = await db.schedule.deleteMany({ where: { id } });
  return n.count > 0;
}

/** An MA renamed in the MA Designer keeps its place in every schedule. */
export async function renameScheduleSteps(from: string, to: string, db: Db | Tx = getDb()): Promise<void> {
  await db.scheduleStep.updateMany({ where: { maName: from }, data: { maName: to } });
}

/** The run in progress (or queued) of any of these MAs, if one is. */
export async function selectActiveRun(maNames: string[], db: Db | Tx = getDb()): Promise<{ maName: string; profileName: string; startedBy: string } | null> {
  const r = await db.run.findFirst({
    where: { status: { in: ["queued", "in-progress"] }, ma: { name: { in: maNames } } },
    include: { ma: { select: { name: true } } },
  });
  return r ? { maName: r.ma.name, profileName: r.profileName, startedBy: r.startedBy } : null;
}

export async function runEndStatus(runId: string, db: Db | Tx = getDb()): Promise<string | null> {
  const r = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
  return r ? r.status : null;
}

type Owner = { scheduleId: string } | { runProfileId: string };

/**
 * Records a firing; with a `slot` (one tick of one definition) only the first process to claim it
 * gets a row: null when another process already fired that tick.
 */
export async function insertFiring(owner: Owner, f: { result: FiringResult; message?: string | null; ended?: boolean; slot?: string }, db: Db | Tx = getDb()): Promise<string | null> {
  try {
    const row = await db.scheduleFiring.create({
      data: { ...owner, result: f.result, message: f.message ?? null, slot: f.slot ?? null, ...(f.ended ? { endedAt: new Date() } : {}) },
    });
    return row.id;
  } catch (e) {
    if (f.slot && (e as { code?: string }).code === "P2002") return null;
    throw e;
  }
}

export async function updateFiring(id: string, f: { result?: FiringResult; message?: string | null; runIds?: string[]; ended?: boolean }, db: Db | Tx = getDb()): Promise<void> {
  await db.scheduleFiring.updateMany({
    where: { id },
    data: {
      ...(f.result ? { result: f.result } : {}),
      ...(f.message !== undefined ? { message: f.message } : {}),
      ...(f.runIds ? { runIds: JSON.stringify(f.runIds) } : {}),
      ...(f.ended ? { endedAt: new Date() } : {}),
    },
  });
}

function toFiring(r: { id: string; scheduleId: string | null; runProfileId: string | null; firedAt: Date; endedAt: Date | null; result: string; message: string | null; runIds: string }): FiringRow {
  return { ...r, result: r.result as FiringResult, runIds: JSON.parse(r.runIds) as string[] };
}

export async function selectFirings(owner: Owner, opts: { limit: number; result?: FiringResult; since?: Date }, db: Db | Tx = getDb()): Promise<FiringRow[]> {
  const rows = await db.scheduleFiring.findMany({
    where: { ...owner, ...(opts.result ? { result: opts.result } : {}), ...(opts.since ? { firedAt: { gte: opts.since } } : {}) },
    orderBy: [{ firedAt: "desc" }, { id: "desc" }],
    take: opts.limit,
  });
  return rows.map(toFiring);
}

export async function countFirings(owner: Owner, opts: { result: FiringResult; since: Date }, db: Db | Tx = getDb()): Promise<number> {
  return db.scheduleFiring.count({ where: { ...owner, result: opts.result, firedAt: { gte: opts.since } } });
}

/** Keeps the newest `keep` firings of a schedule (a per-second schedule would otherwise grow without end). */
export async function pruneFirings(owner: Owner, keep: number, db: Db | Tx = getDb()): Promise<void> {
  const edge = await db.scheduleFiring.findMany({ where: owner, orderBy: [{ firedAt: "desc" }, { id: "desc" }], skip: keep, take: 1, select: { firedAt: true } });
  if (edge.length) await db.scheduleFiring.deleteMany({ where: { ...owner, firedAt: { lte: edge[0].firedAt }, endedAt: { not: null } } });
}
