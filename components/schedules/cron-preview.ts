// The human-readable reading of a cron expression ("Every 5 seconds", "At 02:00, Monday through
// Friday"), shared by the list (server) and the form (live, in the browser). cronstrue only words the
// expression: whether the scheduler accepts it is decided on the server by croner.
import cronstrue from "cronstrue";

export function describeCron(expression: string): string | null {
  if (!expression.trim()) return null;
  try {
    return cronstrue.toString(expression.trim(), { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    return null;
  }
}
