"use client";
// A run's detail, live: polls /api/runs/:id every second while the run is queued or in progress,
// and stops polling once it ended.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { isLiveRunStatus, type RunDetail, type RunStopView } from "../../lib/dto/run.ts";
import { runQueryOptions } from "../../lib/queries/runs.ts";
import { EmptyState } from "../ui/empty-state.tsx";
import { formatDateTime, formatDuration } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { LiveProgressChart } from "./live-progress-chart.tsx";
import { LiveStepCard } from "./live-step-card.tsx";
import { StopRun } from "./stop-run.tsx";

type StopAction = (prev: ActionState<RunStopView>, form: FormData) => Promise<ActionState<RunStopView>>;

/** `stopAction` is given to admins: while the run goes they can ask it to stop. */
export function LiveRun({ initialRun, stopAction }: { initialRun: RunDetail; stopAction?: StopAction }) {
  const { data, error, dataUpdatedAt } = useQuery({ ...runQueryOptions(initialRun.id), initialData: initialRun });
  const run = data ?? initialRun;
  const live = isLiveRunStatus(run.status);
  return (
    <>
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-xs text-slate-500" aria-live="polite" data-testid="run-live-state">
          {error ? <span className="text-red-600">Refresh failed: {error.message}</span> : live ? "Live: updates every second" : "Run ended"}
        </p>
        {live && run.stopRequestedAt ? (
          <p className="text-xs text-red-800" role="status" data-testid="run-stop-request">
            Stop requested by {run.stopRequestedBy} at {formatDateTime(run.stopRequestedAt)}: the run stops after its current batch and skips its remaining steps.
          </p>
        ) : live && stopAction ? (
          <StopRun action={stopAction} runId={run.id} />
        ) : null}
      </div>
      <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <Item label="Status"><span data-testid="run-status"><StatusBadge status={run.status} /></span></Item>
        <Item label="Trigger">{run.trigger}</Item>
        <Item label="Started by">{run.startedBy}</Item>
        <Item label="Duration">{formatDuration(run.startedAt, run.endedAt)}</Item>
        <Item label="Queued">{formatDateTime(run.queuedAt)}</Item>
        <Item label="Started">{formatDateTime(run.startedAt)}</Item>
        <Item label="Ended">{formatDateTime(run.endedAt)}</Item>
        <Item label="Run id"><span className="font-mono text-xs">{run.id}</span></Item>
      </dl>
      <LiveProgressChart run={run} sampledAt={dataUpdatedAt} />
      {run.message ? <p className="mb-4 rounded border border-slate-200 bg-white p-3">{run.message}</p> : null}
      {run.steps.length === 0 ? (
        <EmptyState title="This run has no steps yet">
          {live ? "It is waiting for a worker; this page updates by itself." : "The run ended before its first step started; its message above says why."}
        </EmptyState>
      ) : (
        run.steps.map((s, i) => <LiveStepCard key={s.id} runId={run.id} step={s} number={i + 1} />)
      )}
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
