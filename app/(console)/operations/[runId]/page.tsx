import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "../../../../components/operations/auto-refresh.tsx";
import { RunStepCard } from "../../../../components/operations/run-step-card.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { formatDateTime, formatDuration } from "../../../../components/ui/format.ts";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { StatusBadge } from "../../../../components/ui/status-badge.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { getRunDetail } from "../../../../lib/services/run-history.ts";

export const metadata: Metadata = { title: "Run details" };
export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const user = await requirePageRole("helpdesk");
  const { runId } = await params;
  const run = await getRunDetail(user, runId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const live = run.status === "queued" || run.status === "in-progress";
  return (
    <>
      <PageHeader
        title={`${run.maName} · ${run.profileName}`}
        description={<Link href="/operations" className="text-sky-700 hover:underline">← Run history</Link>}
        actions={<AutoRefresh active={live} />}
      />
      <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <Item label="Status"><StatusBadge status={run.status} /></Item>
        <Item label="Trigger">{run.trigger}</Item>
        <Item label="Started by">{run.startedBy}</Item>
        <Item label="Duration">{formatDuration(run.startedAt, run.endedAt)}</Item>
        <Item label="Queued">{formatDateTime(run.queuedAt)}</Item>
        <Item label="Started">{formatDateTime(run.startedAt)}</Item>
        <Item label="Ended">{formatDateTime(run.endedAt)}</Item>
        <Item label="Run id"><span className="font-mono text-xs">{run.id}</span></Item>
      </dl>
      {run.message ? <p className="mb-4 rounded border border-slate-200 bg-white p-3">{run.message}</p> : null}
      {run.steps.length === 0 ? (
        <EmptyState title="This run has no steps yet">{live ? "It is waiting for a worker; this page refreshes by itself." : "The run ended before its first step started; its message above says why."}</EmptyState>
      ) : (
        run.steps.map((s, i) => <RunStepCard key={s.id} step={s} number={i + 1} />)
      )}
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
