// Scheduled runs: a run profile with a cron `schedule` (croner syntax) is started by the server
// process at those times, as the same runs users start (trigger "schedule" in run history).
// A tick that finds the MA busy is skipped and logged, never queued up behind it.
import { Cron } from "croner";
import type { SessionUser } from "../auth/roles.ts";
import { isAppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { startRun } from "./run-service.ts";

const SCHEDULER: SessionUser = { id: "scheduler", username: "scheduler", displayName: "Scheduler", role: "admin" };

export interface Scheduler {
  /** reloads the schedules (after a configuration change). */
  reload(): Promise<void>;
  /** stops the schedules and waits for the runs they started. */
  stop(): Promise<void>;
  /** the schedules in force: MA / profile -> next run time. */
  list(): { ma: string; profile: string; schedule: string; next: Date | null }[];
}

/** Refuses a cron expression the scheduler could not run; returns the problem or null. */
export function scheduleProblem(expression: string): string | null {
  try {
    new Cron(expression, { paused: true }).stop();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function startScheduler(db: Db = getDb(), log: (line: string) => void = (l) => console.error(l)): Promise<Scheduler> {
  let jobs: { ma: string; profile: string; schedule: string; cron: Cron }[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const load = async () => {
    for (const j of jobs) j.cron.stop();
    const profiles = await db.runProfile.findMany({ where: { schedule: { not: null } }, include: { ma: { select: { name: true } } } });
    jobs = profiles.flatMap((p) => {
      if (scheduleProblem(p.schedule!)) {
        log(`idsync scheduler: ${p.ma.name}/${p.name}: invalid schedule "${p.schedule}" ignored`);
        return [];
      }
      const tick = async () => {
        try {
          const started = await startRun(SCHEDULER, { ma: p.ma.name, profile: p.name, trigger: "schedule" }, db);
          log(`idsync scheduler: started ${p.ma.name}/${p.name} (run ${started.runId})`);
          await started.done;
        } catch (e) {
          log(`idsync scheduler: ${p.ma.name}/${p.name} skipped: ${isAppError(e) ? e.message : (e as Error).message}`);
        }
      };
      const cron = new Cron(p.schedule!, { protect: true }, () => {
        const job = tick().finally(() => inFlight.delete(job));
        inFlight.add(job);
      });
      return [{ ma: p.ma.name, profile: p.name, schedule: p.schedule!, cron }];
    });
  };
  await load();
  return {
    reload: load,
    stop: async () => {
      jobs.forEach((j) => j.cron.stop());
      await Promise.all([...inFlight]);
    },
    list: () => jobs.map((j) => ({ ma: j.ma, profile: j.profile, schedule: j.schedule, next: j.cron.nextRun() })),
  };
}
