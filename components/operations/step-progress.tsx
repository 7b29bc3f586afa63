// A step's progress bar: done of total when the step knows its total, else a count of objects processed.
import type { RunStepView } from "../../lib/dto/run.ts";

export function StepProgress({ step, number }: { step: RunStepView; number: number }) {
  const done = step.progress.done ?? 0;
  const total = step.progress.total;
  const running = step.status === "in-progress";
  const pct = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : running ? null : 100;
  const label = total !== undefined ? `${done} / ${total}` : `${done} processed`;
  return (
    <div className="flex min-w-48 items-center gap-2">
      <div
        role="progressbar"
        aria-label={`Progress of step ${number}`}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={done}
        aria-valuetext={label}
        className="h-2 w-40 overflow-hidden rounded bg-slate-200"
      >
        {pct === null ? (
          <div className="h-full w-1/3 animate-pulse rounded bg-sky-500" />
        ) : (
          <div className={`h-full rounded ${running ? "bg-sky-500" : step.status.startsWith("stopped") ? "bg-red-400" : "bg-emerald-500"}`} style={{ width: `${pct}%` }} />
        )}
      </div>
      <span className="text-xs tabular-nums text-slate-500" data-testid={`progress-${number}`}>{label}</span>
    </div>
  );
}
