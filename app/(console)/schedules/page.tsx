import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "../../../components/operations/auto-refresh.tsx";
import { describeCron } from "../../../components/schedules/cron-preview.ts";
import { FiringBadge } from "../../../components/schedules/firing-badge.tsx";
import { DeleteScheduleButton, ScheduleEnabledToggle } from "../../../components/schedules/schedule-row-actions.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../components/ui/format.ts";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { hasRole } from "../../../lib/auth/roles.ts";
import { listSchedules } from "../../../lib/services/schedules.ts";
import { deleteScheduleAction, setScheduleEnabledAction } from "./actions.ts";

export const metadata: Metadata = { title: "Schedules" };
export const dynamic = "force-dynamic";

// Helpdesk may read this page: it shows names, times and results, the same facts Operations shows.
export default async function SchedulesPage() {
  const user = await requirePageRole("helpdesk");
  const admin = hasRole(user.role, "admin");
  const schedules = await listSchedules(user);
  const newLink = <Link href="/schedules/new" className="whitespace-nowrap rounded bg-sky-700 px-3 py-1 text-[13px] font-medium text-white shadow-sm hover:bg-sky-800">New schedule</Link>;
  return (
    <>
      <PageHeader
        title="Schedules"
        description="Run profiles started by the server on a cron expression, one after another across management agents. A tick that finds an MA still running is skipped and counted as missed."
        actions={<>{<AutoRefresh active={schedules.some((s) => s.enabled)} ms={5_000} />}{admin ? newLink : null}</>}
      />
      {schedules.length === 0 ? (
        <EmptyState title="No schedules yet">{admin ? "Create one to run, for example, an HR delta import and then a directory export every night." : "Administrators create schedules."}</EmptyState>
      ) : (
        <Table label="Schedules">
          <thead>
            <tr>
              <Th>Name</Th><Th>When</Th><Th>Steps</Th><Th>Next run</Th><Th>Enabled</Th><Th>Last firing</Th><Th>Missed (24 h)</Th>{admin ? <Th /> : null}
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id} data-testid={`schedule-${s.name}`}>
                <Td className="font-medium">
                  {s.name}
                  {s.fromRunProfile ? <div className="text-xs font-normal text-slate-500">a run profile&apos;s own schedule (MA Designer)</div> : null}
                </Td>
                <Td>
                  <div data-testid="schedule-preview">{describeCron(s.cron) ?? "—"}</div>
                  <div className="font-mono text-xs text-slate-500">{s.cron}</div>
                </Td>
                <Td>
                  <ol className="list-decimal pl-4 text-xs">
                    {s.steps.map((step, i) => (
                      <li key={i}>{step.ma} · {step.profile}{step.problem ? <span className="ml-1 text-red-700">({step.problem})</span> : null}</li>
                    ))}
                  </ol>
                </Td>
                <Td className="whitespace-nowrap font-mono text-xs"><span data-testid="schedule-next-run">{s.enabled ? formatDateTime(s.nextRun) : "—"}</span></Td>
                <Td>
                  {admin && !s.fromRunProfile
                    ? <ScheduleEnabledToggle action={setScheduleEnabledAction} id={s.id} name={s.name} enabled={s.enabled} />
                    : <span className="text-xs text-slate-600">{s.enabled ? "enabled" : "disabled"}</span>}
                </Td>
                <Td className="text-xs">
                  <div data-testid="schedule-last-firing">{s.lastFiring ? (
                    <>
                      <FiringBadge result={s.lastFiring.result} /> <span className="font-mono">{formatDateTime(s.lastFiring.firedAt)}</span>
                      {s.lastFiring.message ? <div className="mt-0.5 max-w-xs text-slate-600">{s.lastFiring.message}</div> : null}
                      {s.lastFiring.runIds.length ? (
                        <div className="mt-0.5">{s.lastFiring.runIds.map((r, i) => <Link key={r} href={`/operations/${r}`} className="mr-2 text-sky-800 hover:underline">run {i + 1}</Link>)}</div>
                      ) : null}
                    </>
                  ) : "never fired"}</div>
                </Td>
                <Td className="text-xs">
                  <span data-testid="schedule-missed">{s.missedLastDay}</span>
                  {s.lastMissed ? <div className="mt-0.5 max-w-xs text-slate-600">last {formatDateTime(s.lastMissed.firedAt)}: {s.lastMissed.message}</div> : null}
                </Td>
                {admin ? (
                  <Td>
                    {s.fromRunProfile ? null : (
                      <div className="flex items-center gap-2">
                        <Link href={`/schedules/${s.id}`} className="text-sky-800 hover:underline" aria-label={`Edit ${s.name}`}>Edit</Link>
                        <DeleteScheduleButton action={deleteScheduleAction} id={s.id} name={s.name} />
                      </div>
                    )}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
