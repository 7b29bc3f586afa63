// One step of a run, live: progress bar, counters (each a link to its objects) and the first errors.
import Link from "next/link";
import type { RunStepView } from "../../lib/dto/run.ts";
import { formatDateTime, formatDuration } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { Table, Td, Th } from "../ui/table.tsx";
import { StepProgress } from "./step-progress.tsx";

const SHOWN_ERRORS = 10;

/** `number` is the 1-based position of the step in its run (RunStep.seq counts from 0). */
export function LiveStepCard({ runId, step, number }: { runId: string; step: RunStepView; number: number }) {
  const counters = Object.entries(step.stats).filter(([name]) => name !== "errors");
  const base = `/operations/${encodeURIComponent(runId)}/steps/${encodeURIComponent(step.id)}`;
  return (
    <section className="mb-4 rounded border border-slate-200 bg-white" aria-label={`Step ${number}: ${step.type}`}>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2">
        <span className="font-semibold">Step {number}: {step.type}</span>
        <StatusBadge status={step.status} />
        <StepProgress step={step} number={number} />
        <span className="text-xs text-slate-500">
          {formatDateTime(step.startedAt)} → {formatDateTime(step.endedAt)} ({formatDuration(step.startedAt, step.endedAt)})
        </span>
      </div>
      {step.message ? <p className="px-3 pt-2 text-slate-700">{step.message}</p> : null}
      <div className="grid gap-4 p-3 lg:grid-cols-[minmax(14rem,20rem)_1fr]">
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Statistics</h3>
          {counters.length === 0 ? (
            <p className="text-slate-500">{step.status === "in-progress" ? "No counters yet." : "No counters recorded for this step."}</p>
          ) : (
            <Table label={`Statistics of step ${number}`}>
              <tbody>
                {counters.map(([name, n]) => (
                  <tr key={name}>
                    <Td className="font-mono text-xs">
                      <Link className="text-sky-800 hover:underline" href={`${base}?counter=${encodeURIComponent(name)}`}>{name}</Link>
                    </Td>
                    <Td className="text-right tabular-nums" >
                      <span data-testid={`counter-${number}-${name}`}>{n}</span>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">
            Errors ({step.errorCount})
            {step.errorCount > 0 ? (
              <Link className="ml-2 normal-case text-sky-800 hover:underline" href={`${base}?view=errors`}>all errors of step {number}</Link>
            ) : null}
          </h3>
          {step.errors.length === 0 ? (
            <p className="text-slate-500">No errors.</p>
          ) : (
            <Table label={`Errors of step ${number}`}>
              <thead>
                <tr><Th>Code</Th><Th>Message</Th><Th>Where</Th><Th>Object</Th></tr>
              </thead>
              <tbody>
                {step.errors.slice(0, SHOWN_ERRORS).map((e) => (
                  <tr key={e.id}>
                    <Td className="font-mono text-xs text-red-700">{e.code}</Td>
                    <Td>{e.message}</Td>
                    <Td className="font-mono text-xs">{e.location ?? "—"}</Td>
                    <Td className="font-mono text-xs">{e.dn ?? e.anchor ?? "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      </div>
    </section>
  );
}
