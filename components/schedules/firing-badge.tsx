// The result of a schedule's firing, coloured like run statuses.
import type { ScheduleFiringView } from "../../lib/dto/schedule.ts";

const TONES: Record<ScheduleFiringView["result"], string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  missed: "bg-amber-50 text-amber-800 ring-amber-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

export function FiringBadge({ result }: { result: ScheduleFiringView["result"] }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[result]}`}>{result}</span>;
}
