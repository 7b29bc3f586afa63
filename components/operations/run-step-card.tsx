// One step of a run: its statistics counters (names as in MIM) and its per-object errors.
import type { RunStepView } from "../../lib/dto/run.ts";
import { formatDateTime, formatDuration } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { Table, Td, Th } from "../ui/table.tsx";

/** `number` is the 1-based position of the step in its run (RunStep.seq counts from 0). */
export function RunStepCard({ step, number }: { step: RunStepView; number: number }) {
  const counters = Object.entries(step.stats);
  return (
    <section className="mb-4 rounded border border-slate-200 bg-white" aria-label={`Step ${number}: ${step.type}`}>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2">
        <span className="font-semibold">Step {number}: {step.type}</span>
        <StatusBadge status={step.status} />
        <span className="text-xs text-slate-500">
          {formatDateTime(step.startedAt)} → {formatDateTime(step.endedAt)} ({formatDuration(step.startedAt, step.endedAt)})
        </span>
        {step.progress.done !== undefined ? (
          <span className="text-xs text-slate-500">progress {step.progress.done}{step.progress.total ? ` / ${step.progress.total}` : ""}</span>
        ) : null}
      </div>
      {step.message ? <p className="px-3 pt-2 text-slate-700">{step.message}</p> : null}
      <div className="grid gap-4 p-3 lg:grid-cols-[minmax(14rem,20rem)_1fr]">
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Statistics</h3>
          {counters.length === 0 ? (
            <p className="text-slate-500">No counters recorded for this step.</p>
          ) : (
            <Table label={`Statistics of step ${number}`}>
              <tbody>
                {counters.map(([name, n]) => (
                  <tr key={name}>
                    <Td className="font-mono text-xs">{name}</Td>
                    <Td className="text-right tabular-nums">{n}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">
            Errors ({step.errorCount}{step.errorCount > step.errors.length ? `, first ${step.errors.length} shown` : ""})
          </h3>
          {step.errors.length === 0 ? (
            <p className="text-slate-500">No errors.</p>
          ) : (
            <Table label={`Errors of step ${number}`}>
              <thead>
                <tr><Th>Code</Th><Th>Message</Th><Th>Where</Th><Th>Object</Th></tr>
              </thead>
              <tbody>
                {step.errors.map((e) => (
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
