// The scheduler inside the server process: every enabled Schedule (a sequence of run profiles across
// MAs) and every run profile with its own `schedule` key (a one-step sequence) fires on its cron
// expression and starts the same runs users start (trigger "schedule" in run history). A tick that
// finds an MA of the sequence busy, or the previous firing still going, is recorded as missed and
// starts nothing. Definitions reload when the console or config apply changes them (reloadSchedulers)
// and, for changes made by another process such as the CLI, when a periodic check sees them differ.
import { Cron } from "croner";
import { getDb, type Db } from "../store/db.ts";
import { selectProfileSchedules, selectSchedules } from "../store/schedule-records.ts";
import { scheduleProblem } from "./cron.ts";
import { recordMissed, runSequence, type ScheduleDefinition, type SequenceContext } from "./schedule-sequence.ts";

export { scheduleProblem } from "./cron.ts";

export interface Scheduler {
  /** reloads the schedules (after a configuration change); firings under way go on. */
  reload(): Promise<void>;
  /** stops the schedules and waits for the firings under way (a queued run is no longer waited for). */
  stop(): Promise<void>;
  /** the schedules in force with their next run time. */
  list(): { key: string; name: string; cron: string; steps: { ma: string; profile: string }[]; next: Date | null }[];
}

export interface SchedulerOptions {
  /** how often a queued run (PostgreSQL) is polled for its end; default 1 s. */
  pollMs?: number;
  /** how often the definitions are compared with the database; default 30 s. */
  recheckMs?: number;
}

/** The definitions in force: enabled schedules, then run profiles' own schedules. */
export async function loadDefinitions(db: Db): Promise<ScheduleDefinition[]> {
  const schedules = await selectSchedules(db, { enabled: true });
  const profiles = await selectProfileSchedules(db);
  return [
    ...schedules.map((s) => ({ key: s.id, name: s.name, cron: s.cron, steps: s.steps, owner: { scheduleId: s.id } })),
    ...profiles.map((p) => ({
      key: `profile:${p.runProfileId}`,
      name: `${p.ma}/${p.profile}`,
      cron: p.cron,
      steps: [{ ma: p.ma, profile: p.profile }],
      owner: { runProfileId: p.runProfileId },
    })),
  ];
}

// Module state of Next.js bundles is not shared between instrumentation and server actions: the
// running schedulers are kept on globalThis so a server action's reloadSchedulers() reaches them.
const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for("idsync.schedulers")] ??= new Set<Scheduler>()) as Set<Scheduler>;

/** Reloads every scheduler running in this process (after a schedule was created, changed or deleted). */
export async function reloadSchedulers(): Promise<void> {
  await Promise.all([...registry].map((s) => s.reload().catch(() => {})));
}

export async function startScheduler(db: Db = getDb(), log: (line: string) => void = (l) => console.error(l), options: SchedulerOptions = {}): Promise<Scheduler> {
  let jobs: { def: ScheduleDefinition; cron: Cron }[] = [];
  let signature = "";
  let stopping = false;
  /** firings under way, by definition key: survives reloads, so a changed schedule never overlaps itself. */
  const running = new Map<string, Promise<void>>();
  const ctx: SequenceContext = { db, log, pollMs: options.pollMs ?? 1_000, stopping: () => stopping };

  const fire = (def: ScheduleDefinition, tick: Date | null) => {
    if (stopping) return;
    // The tick's scheduled time, the same in every process: the slot that only one of them can claim.
    const slot = `${def.key}@${(tick ?? new Date()).toISOString()}`;
    if (running.has(def.key)) {
      void recordMissed(ctx, def, "the previous firing of this schedule was still running", slot).catch((e: unknown) => log(`idsync scheduler: ${def.name}: ${(e as Error).message}`));
      return;
    }
    const job = runSequence(ctx, def, slot)
      .catch((e: unknown) => log(`idsync scheduler: ${def.name}: ${(e as Error).message}`))
      .finally(() => running.delete(def.key));
    running.set(def.key, job);
  };

  const load = async (force: boolean) => {
    const defs = await loadDefinitions(db);
    const next = JSON.stringify(defs);
    if (!force && next === signature) return;
    signature = next;
    for (const j of jobs) j.cron.stop();
    if (stopping) return;
    jobs = defs.flatMap((def) => {
      const problem = scheduleProblem(def.cron);
      if (problem) {
        log(`idsync scheduler: ${def.name}: invalid schedule "${def.cron}" ignored (${problem})`);
        return [];
      }
      return [{ def, cron: new Cron(def.cron, (self: Cron) => fire(def, self.currentRun())) }];
    });
  };

  // One load at a time: two overlapping loads would each stop the other's old jobs and leave two sets.
  let loading: Promise<void> = Promise.resolve();
  const reload = (force: boolean) => (loading = loading.catch(() => {}).then(() => load(force)));

  await reload(true);
  const recheck = setInterval(() => void reload(false).catch((e: unknown) => log(`idsync scheduler: reload failed: ${(e as Error).message}`)), options.recheckMs ?? 30_000);
  recheck.unref();
  const scheduler: Scheduler = {
    reload: () => reload(true),
    stop: async () => {
      stopping = true;
      clearInterval(recheck);
      registry.delete(scheduler);
      jobs.forEach((j) => j.cron.stop());
      await Promise.all([...running.values()]);
    },
    list: () => jobs.map((j) => ({ key: j.def.key, name: j.def.name, cron: j.def.cron, steps: j.def.steps, next: j.cron.nextRun() })),
  };
  registry.add(scheduler);
  return scheduler;
}
