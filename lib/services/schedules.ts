// Use cases of the Schedules page: list (admin and helpdesk: names, times and results only), create,
// change, enable/disable and delete (admin). Every write is validated here (cron, steps naming
// existing MAs and run profiles), audited, and reloads the scheduler of this process.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { ScheduleFiringView, ScheduleView } from "../dto/schedule.ts";
import { AppError } from "../errors/app-error.ts";
import type { ScheduleInput } from "../schemas/schedules.ts";
import { getDb, type Db, type Tx } from "../store/db.ts";
import {
  countFirings, deleteScheduleRow, selectFirings, selectMaProfiles, selectProfileSchedules, selectSchedule,
  selectScheduleByName, selectSchedules, setScheduleEnabled, writeSchedule, type FiringRow, type ScheduleStepRow,
} from "../store/schedule-records.ts";
import { recordAudit } from "./audit.ts";
import { nextRunOf, scheduleProblem } from "./cron.ts";
import { reloadSchedulers } from "./scheduler.ts";

const DAY_MS = 86_400_000;

/** Problems of a schedule's steps against the MAs and run profiles that exist; [] when all is well. */
export function stepProblems(steps: ScheduleStepRow[], maProfiles: Map<string, string[]>): string[] {
  return steps.flatMap((s, i) => {
    const profiles = maProfiles.get(s.ma);
    if (!profiles) return [`step ${i + 1}: no management agent named "${s.ma}"`];
    if (!profiles.includes(s.profile)) return [`step ${i + 1}: MA "${s.ma}" has no run profile "${s.profile}"`];
    return [];
  });
}

function invalid(field: "name" | "cron" | "steps", messages: string[]): AppError {
  return new AppError("INVALID_INPUT", `${field}: ${messages.join("; ")}`, { details: { fieldErrors: { [field]: messages } } });
}

/** Refuses an input the scheduler could not run (cron first, then steps), naming the field. */
export async function validateSchedule(input: { cron: string; steps: ScheduleStepRow[] }, db: Db | Tx): Promise<void> {
  const problem = scheduleProblem(input.cron);
  if (problem) throw invalid("cron", [`invalid cron expression "${input.cron}": ${problem}`]);
  const bad = stepProblems(input.steps, await selectMaProfiles(db));
  if (bad.length) throw invalid("steps", bad);
}

function firingView(f: FiringRow | undefined): ScheduleFiringView | null {
  return f ? { firedAt: f.firedAt.toISOString(), endedAt: f.endedAt?.toISOString() ?? null, result: f.result, message: f.message, runIds: f.runIds } : null;
}

async function history(owner: { scheduleId: string } | { runProfileId: string }, db: Db) {
  const since = new Date(Date.now() - DAY_MS);
  const [last] = await selectFirings(owner, { limit: 1 }, db);
  const [lastMissed] = await selectFirings(owner, { limit: 1, result: "missed" }, db);
  return { lastFiring: firingView(last), lastMissed: firingView(lastMissed), missedLastDay: await countFirings(owner, { result: "missed", since }, db) };
}

/** Every schedule, then the run profiles' own schedules (read-only here), with next run and last firing. */
export async function listSchedules(actor: SessionUser, db: Db = getDb()): Promise<ScheduleView[]> {
  assertRole(actor, "helpdesk");
  const maProfiles = await selectMaProfiles(db);
  const out: ScheduleView[] = [];
  for (const s of await selectSchedules(db)) {
    const problems = s.steps.map((step) => stepProblems([step], maProfiles)[0]?.replace(/^step 1: /, "") ?? null);
    out.push({
      id: s.id, name: s.name, cron: s.cron, enabled: s.enabled, fromRunProfile: false,
      steps: s.steps.map((step, i) => ({ ...step, problem: problems[i] })),
      nextRun: s.enabled ? nextRunOf(s.cron)?.toISOString() ?? null : null,
      ...(await history({ scheduleId: s.id }, db)),
    });
  }
  for (const p of await selectProfileSchedules(db)) {
    out.push({
      id: `profile:${p.runProfileId}`, name: `${p.ma}/${p.profile}`, cron: p.cron, enabled: true, fromRunProfile: true,
      steps: [{ ma: p.ma, profile: p.profile, problem: null }],
      nextRun: nextRunOf(p.cron)?.toISOString() ?? null,
      ...(await history({ runProfileId: p.runProfileId }, db)),
    });
  }
  return out;
}

/** One schedule for its edit form. */
export async function getSchedule(actor: SessionUser, id: string, db: Db = getDb()): Promise<ScheduleInput & { id: string }> {
  assertRole(actor, "admin");
  const s = await selectSchedule(id, db);
  if (!s) throw new AppError("NOT_FOUND", `no schedule with id ${id}`);
  return { id: s.id, name: s.name, cron: s.cron, enabled: s.enabled, steps: s.steps };
}

/** What a step may pick: each MA with its run profiles. */
export async function scheduleStepChoices(actor: SessionUser, db: Db = getDb()): Promise<{ ma: string; profiles: string[] }[]> {
  assertRole(actor, "admin");
  return [...(await selectMaProfiles(db))].map(([ma, profiles]) => ({ ma, profiles }));
}

async function save(actor: SessionUser, input: ScheduleInput & { id?: string }, db: Db): Promise<{ id: string; name: string }> {
  assertRole(actor, "admin");
  await validateSchedule(input, db);
  const clash = await selectScheduleByName(input.name, db);
  if (clash && clash.id !== input.id) throw new AppError("CONFLICT", `a schedule named "${input.name}" already exists`, { details: { fieldErrors: { name: ["this name is taken"] } } });
  if (input.id && !(await selectSchedule(input.id, db))) throw new AppError("NOT_FOUND", `no schedule with id ${input.id}`);
  const id = await db.$transaction((tx) => writeSchedule(tx, input));
  await recordAudit(actor.username, input.id ? "schedule.update" : "schedule.create", id, { name: input.name, cron: input.cron, enabled: input.enabled, steps: input.steps }, db);
  await reloadSchedulers();
  return { id, name: input.name };
}

export async function createSchedule(actor: SessionUser, input: ScheduleInput, db: Db = getDb()): Promise<{ id: string; name: string }> {
  return save(actor, { ...input, id: undefined }, db);
}

export async function updateSchedule(actor: SessionUser, input: ScheduleInput & { id: string }, db: Db = getDb()): Promise<{ id: string; name: string }> {
  return save(actor, input, db);
}

export async function enableSchedule(actor: SessionUser, id: string, enabled: boolean, db: Db = getDb()): Promise<{ id: string; enabled: boolean }> {
  assertRole(actor, "admin");
  const row = await setScheduleEnabled(id, enabled, db);
  if (!row) throw new AppError("NOT_FOUND", `no schedule with id ${id}`);
  await recordAudit(actor.username, enabled ? "schedule.enable" : "schedule.disable", id, { name: row.name }, db);
  await reloadSchedulers();
  return { id, enabled };
}

export async function deleteSchedule(actor: SessionUser, id: string, db: Db = getDb()): Promise<{ id: string; name: string }> {
  assertRole(actor, "admin");
  const row = await selectSchedule(id, db);
  if (!row || !(await deleteScheduleRow(id, db))) throw new AppError("NOT_FOUND", `no schedule with id ${id}`);
  await recordAudit(actor.username, "schedule.delete", id, { name: row.name }, db);
  await reloadSchedulers();
  return { id, name: row.name };
}
