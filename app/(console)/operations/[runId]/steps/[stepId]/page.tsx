import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "../../../../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../../../../components/ui/format.ts";
import { Notice } from "../../../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../../../components/ui/page-header.tsx";
import { Pager } from "../../../../../../components/ui/pager.tsx";
import { StatusBadge } from "../../../../../../components/ui/status-badge.tsx";
import { Table, Td, Th } from "../../../../../../components/ui/table.tsx";
import { requirePageRole } from "../../../../../../lib/auth/page-guard.ts";
import { hasRole } from "../../../../../../lib/auth/roles.ts";
import { isAppError } from "../../../../../../lib/errors/app-error.ts";
import { stepDrillDownQuerySchema } from "../../../../../../lib/schemas/runs.ts";
import { getStepDrillDown } from "../../../../../../lib/services/run-drilldown.ts";

export const metadata: Metadata = { title: "Step drill-down" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function StepDrillDownPage({ params, searchParams }: { params: Promise<{ runId: string; stepId: string }>; searchParams: Promise<Params> }) {
  const user = await requirePageRole("helpdesk");
  const { runId, stepId } = await params;
  const raw = await searchParams;
  const parsed = stepDrillDownQuerySchema.safeParse({ counter: first(raw.counter), view: first(raw.view), page: first(raw.page) });
  if (!parsed.success) {
    return <Notice tone="error">{parsed.error.issues[0]?.message ?? "bad query"}</Notice>;
  }
  const d = await getStepDrillDown(user, runId, stepId, parsed.data).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const admin = hasRole(user.role, "admin");
  const base = `/operations/${encodeURIComponent(runId)}/steps/${encodeURIComponent(stepId)}`;
  const number = d.step.seq + 1;
  const counters = Object.entries(d.step.stats).filter(([c]) => c !== "errors");
  const tab = (active: boolean) => `rounded px-2 py-0.5 text-xs ${active ? "bg-sky-700 text-white" : "border border-slate-300 bg-white text-sky-800 hover:bg-slate-50"}`;
  return (
    <>
      <PageHeader
        title={`${d.maName} · ${d.profileName} · step ${number}: ${d.step.type}`}
        description={<Link href={`/operations/${encodeURIComponent(runId)}`} className="text-sky-700 hover:underline">← Run details</Link>}
        actions={<StatusBadge status={d.step.status} />}
      />
      <nav aria-label="Counters" className="mb-3 flex flex-wrap gap-1.5">
        {counters.map(([c, n]) => (
          <Link key={c} className={tab(d.counter === c && !d.errors)} href={`${base}?counter=${encodeURIComponent(c)}`} aria-current={d.counter === c && !d.errors ? "page" : undefined}>
            {c} ({n})
          </Link>
        ))}
        <Link className={tab(!!d.errors)} href={`${base}?view=errors`} aria-current={d.errors ? "page" : undefined}>errors ({d.step.errorCount})</Link>
      </nav>
      {d.errors ? (
        d.errors.total === 0 ? (
          <EmptyState title="No errors in this step" />
        ) : (
          <>
            <Table label="Step errors">
              <thead><tr><Th>Code</Th><Th>Message</Th><Th>Where (file:line / rule)</Th><Th>Object</Th><Th>At</Th></tr></thead>
              <tbody>
                {d.errors.items.map((e) => (
                  <tr key={e.id}>
                    <Td className="font-mono text-xs text-red-700">{e.code}</Td>
                    <Td className="break-words">{e.message}</Td>
                    <Td className="font-mono text-xs">{e.location ?? "—"}</Td>
                    <Td className="font-mono text-xs">
                      {admin && e.csId && e.csMaId ? (
                        <Link className="text-sky-800 hover:underline" href={`/management-agents/${e.csMaId}/cs/${e.csId}`}>{e.dn ?? e.anchor ?? e.csId}</Link>
                      ) : (e.dn ?? e.anchor ?? "—")}
                    </Td>
                    <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(e.at)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pager label="Error pages" page={d.errors.page} pageSize={d.errors.pageSize} total={d.errors.total} href={(p) => `${base}?view=errors&page=${p}`} />
          </>
        )
      ) : !d.objects || !d.counter ? (
        <EmptyState title="This step recorded no counters" />
      ) : d.objects.total === 0 ? (
        <EmptyState title={`No objects recorded for ${d.counter}`}>The counter may come from a run made before objects were recorded per counter.</EmptyState>
      ) : (
        <>
          <Table label={`Objects of ${d.counter}`}>
            <thead><tr><Th>Anchor</Th><Th>DN</Th><Th>csentry</Th><Th>mventry</Th></tr></thead>
            <tbody>
              {d.objects.items.map((o) => (
                <tr key={o.id}>
                  <Td className="font-mono text-xs">{o.anchor ?? "—"}</Td>
                  <Td className="font-mono text-xs">{o.dn ?? "—"}</Td>
                  <Td className="text-xs">
                    {o.csId && o.csMaId ? (
                      admin ? <Link className="text-sky-800 hover:underline" href={`/management-agents/${o.csMaId}/cs/${o.csId}`}>{o.csMaName} csentry</Link> : `${o.csMaName} csentry`
                    ) : o.csId ? <span className="text-slate-400">deleted since</span> : "—"}
                  </Td>
                  <Td className="text-xs">
                    {o.mvId ? (
                      o.mvExists ? <Link className="text-sky-800 hover:underline" href={`/metaverse-search/${o.mvId}`}>mventry</Link> : <span className="text-slate-400">deleted since</span>
                    ) : "—"}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pager label="Object pages" page={d.objects.page} pageSize={d.objects.pageSize} total={d.objects.total} href={(p) => `${base}?counter=${encodeURIComponent(d.counter!)}&page=${p}`} />
        </>
      )}
    </>
  );
}
