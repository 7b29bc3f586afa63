// Run and step status with the colours of the MIIS run history.
const TONES: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  "in-progress": "bg-sky-50 text-sky-700 ring-sky-200",
  queued: "bg-slate-100 text-slate-600 ring-slate-200",
  "completed-warnings": "bg-amber-50 text-amber-800 ring-amber-200",
  "completed-sync-errors": "bg-amber-50 text-amber-800 ring-amber-200",
  "completed-export-errors": "bg-amber-50 text-amber-800 ring-amber-200",
  // an admin stopped it: not a failure, but the run did not finish
  "stopped-user": "bg-slate-200 text-slate-800 ring-slate-300",
};

export function StatusBadge({ status }: { status: string }) {
  const tone = TONES[status] ?? (status.startsWith("stopped") ? "bg-red-50 text-red-700 ring-red-200" : "bg-slate-100 text-slate-700 ring-slate-200");
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{status}</span>;
}
