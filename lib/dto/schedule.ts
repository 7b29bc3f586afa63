// Schedules as the console shows them (dates are ISO strings so they cross to the browser as-is).

export interface ScheduleStepView {
  ma: string;
  profile: string;
  /** why the step cannot run as it stands (MA or run profile deleted), or null. */
  problem: string | null;
}

export interface ScheduleFiringView {
  firedAt: string;
  endedAt: string | null;
  result: "running" | "success" | "missed" | "failed";
  message: string | null;
  runIds: string[];
}

export interface ScheduleView {
  /** a Schedule row's id; "profile:<runProfileId>" for a run profile's own `schedule` (read-only here). */
  id: string;
  name: string;
  cron: string;
  enabled: boolean;
  /** true for a run profile's `schedule` key: edited in the MA Designer or configuration as code. */
  fromRunProfile: boolean;
  steps: ScheduleStepView[];
  nextRun: string | null;
  lastFiring: ScheduleFiringView | null;
  /** ticks skipped in the last 24 hours because an MA of the sequence was still running. */
  missedLastDay: number;
  lastMissed: ScheduleFiringView | null;
}
