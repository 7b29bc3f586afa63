// Cron expressions as the scheduler reads them (croner: 5 fields, or 6 with seconds first, and
// nicknames such as @daily), checked and previewed without starting anything.
import { Cron } from "croner";

/** Refuses a cron expression the scheduler could not run; returns the problem or null. */
export function scheduleProblem(expression: string): string | null {
  try {
    new Cron(expression, { paused: true }).stop();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The next time the expression fires after now (server time zone), or null (invalid, or never again). */
export function nextRunOf(expression: string, after?: Date): Date | null {
  try {
    const cron = new Cron(expression, { paused: true });
    const next = cron.nextRun(after);
    cron.stop();
    return next;
  } catch {
    return null;
  }
}
