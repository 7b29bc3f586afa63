import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApproveDeletes } from "../../../../components/management-agents/approve-deletes.tsx";
import { MaConfigPanel } from "../../../../components/management-agents/ma-config-panel.tsx";
import { PendingExportsTable } from "../../../../components/management-agents/pending-exports-table.tsx";
import { RunControl } from "../../../../components/management-agents/run-control.tsx";
import { StagingToggle } from "../../../../components/management-agents/staging-toggle.tsx";
import { StopRun } from "../../../../components/operations/stop-run.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../../components/ui/format.ts";
import { Button, Input, Notice, Section, Select } from "../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Pager } from "../../../../components/ui/pager.tsx";
import { StatusBadge } from "../../../../components/ui/status-badge.tsx";
import { Table, Td, Th } from "../../../../components/ui/table.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { EXPORT_OPS, EXPORT_STATUSES, pendingExportQuerySchema } from "../../../../lib/schemas/management-agents.ts";
import { findCsEntries } from "../../../../lib/services/connector-space.ts";
import { getManagementAgent } from "../../../../lib/services/management-agents.ts";
import { listPendingExports } from "../../../../lib/services/pending-exports.ts";
import { stopRunAction } from "../../operations/actions.ts";
import { applyMaConfigAction, approveDeletesAction, setStagingModeAction, startRunAction } from "../actions.ts";

export const metadata: Metadata = { title: "Management Agent" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ManagementAgentPage({ params, searchParams }: { params: Promise<{ maId: string }>; searchParams: Promise<Params> }) {
  const user = await requirePageRole("admin");
  const { maId } = await params;
  const raw = await searchParams;
  const ma = await getManagementAgent(user, maId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const parsed = pendingExportQuerySchema.safeParse({ dn: first(raw.dn), op: first(raw.op), status: first(raw.status), page: first(raw.page) });
  const query = parsed.success ? parsed.data : { page: 1 };
  const exportsPage = await listPendingExports(user, ma.id, query);
  const csQuery = first(raw.cs)?.trim() ?? "";
  const csFound = csQuery ? await findCsEntries(user, ma.id, csQuery) : null;

  const filterParams = new URLSearchParams();
  if (query.dn) filterParams.set("dn", query.dn);
  if (query.op) filterParams.set("op", query.op);
  if (query.status) filterParams.set("status", query.status);
  const pageHref = (p: number) => {
    const q = new URLSearchParams(filterParams);
    q.set("page", String(p));
    return `/management-agents/${ma.id}?${q.toString()}#pending-exports`;
  };
  const download = (format: "csv" | "ldif") => {
    const q = new URLSearchParams(filterParams);
    q.set("format", format);
    return `/api/management-agents/${ma.id}/pending-exports?${q.toString()}`;
  };

  return (
    <>
      <PageHeader
        title={ma.name}
        description={<><Link href="/management-agents" className="text-sky-700 hover:underline">← Management Agents</Link> · {ma.type}{ma.description ? ` · ${ma.description}` : ""}</>}
        actions={
          <>
            <Link href={`/management-agents/${ma.id}/edit`} className="rounded border border-slate-300 bg-white px-3 py-1 text-[13px] font-medium text-slate-700 shadow-sm hover:bg-slate-50">Edit</Link>
            <Link href={`/management-agents/${ma.id}/delete`} className="rounded border border-red-300 bg-white px-3 py-1 text-[13px] font-medium text-red-700 shadow-sm hover:bg-red-50">Delete</Link>
            <RunControl action={startRunAction} maId={ma.id} maName={ma.name} profiles={ma.runProfiles} />
          </>
        }
      />
      {ma.activeRun ? (
        <div className="mb-4">
          <Notice>
            <span className="flex flex-wrap items-center gap-2">
              <span>
                A run is going: <Link className="underline" href={`/operations/${ma.activeRun.id}`}>{ma.activeRun.profileName}</Link> ({ma.activeRun.status}).
              </span>
              {ma.activeRun.stopRequestedBy ? (
                <span className="text-red-800">Stop requested by {ma.activeRun.stopRequestedBy}.</span>
              ) : (
                <StopRun action={stopRunAction} runId={ma.activeRun.id} />
              )}
            </span>
          </Notice>
        </div>
      ) : null}
      {ma.stoppedAtDeletionThreshold ? (
        <ApproveDeletes action={approveDeletesAction} maId={ma.id} profileName={ma.stoppedAtDeletionThreshold.profileName} message={ma.stoppedAtDeletionThreshold.message} />
      ) : null}
      <div className="mb-5 grid gap-4 lg:grid-cols-2">
        <Section title="Connector space">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-3 sm:grid-cols-4" aria-label="Connector space counts">
            <Count label="Objects" n={ma.counts.total} />
            <Count label="Connectors" n={ma.counts.connectors} />
            <Count label="Disconnectors" n={ma.counts.normalDisconnectors} />
            <Count label="Explicit" n={ma.counts.explicitDisconnectors} />
            <Count label="Filtered" n={ma.counts.filteredDisconnectors} />
            <Count label="Pending imports" n={ma.counts.pendingImports} />
            <Count label="Pending exports" n={ma.counts.pendingExports} />
          </dl>
          <form method="get" className="mt-2 flex items-end gap-2" aria-label="Find a csentry">
            <div className="flex-1">
              <label htmlFor="cs-q" className="text-xs font-medium text-slate-600">Find a csentry (anchor, or part of the DN)</label>
              <Input id="cs-q" name="cs" defaultValue={csQuery} />
            </div>
            <Button type="submit" variant="secondary">Find</Button>
          </form>
          {csFound ? (
            csFound.items.length === 0 ? (
              <p className="mt-2 text-slate-500">No csentry of {ma.name} matches “{csQuery}”.</p>
            ) : (
              <div className="mt-2">
                <Table label="csentries found">
                  <thead><tr><Th>DN</Th><Th>Anchor</Th><Th>Type</Th><Th>State</Th></tr></thead>
                  <tbody>
                    {csFound.items.map((c) => (
                      <tr key={c.id}>
                        <Td className="font-mono text-xs"><Link className="text-sky-800 hover:underline" href={`/management-agents/${ma.id}/cs/${c.id}`}>{c.dn}</Link></Td>
                        <Td className="font-mono text-xs">{c.anchor ?? "—"}</Td>
                        <Td>{c.objectType}</Td>
                        <Td>{c.state}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {csFound.truncated ? <p className="mt-1 text-xs text-slate-500">More match; narrow the search.</p> : null}
              </div>
            )
          ) : null}
        </Section>
        <Section title="Run profiles">
          {ma.profiles.length === 0 ? (
            <p className="text-slate-500">No run profiles: add them with <code>npx idsync config apply FILE</code>.</p>
          ) : (
            <Table label="Run profiles">
              <thead><tr><Th>Profile</Th><Th>Steps</Th><Th>Schedule</Th></tr></thead>
              <tbody>
                {ma.profiles.map((p) => (
                  <tr key={p.name}><Td className="font-medium">{p.name}</Td><Td className="font-mono text-xs">{p.steps.join(", ")}</Td><Td className="font-mono text-xs">{p.schedule ?? "—"}</Td></tr>
                ))}
              </tbody>
            </Table>
          )}
          <p className="mt-2 text-xs text-slate-500">
            Last run:{" "}
            {ma.lastRun ? (
              <Link href={`/operations/${ma.lastRun.id}`} className="hover:underline">{ma.lastRun.profileName} <StatusBadge status={ma.lastRun.status} /> {formatDateTime(ma.lastRun.endedAt)}</Link>
            ) : "never run"}
          </p>
        </Section>
      </div>

      <Section title="Configuration as code">
        <MaConfigPanel action={applyMaConfigAction} maId={ma.id} maName={ma.name} />
      </Section>

      <section id="pending-exports" className="mb-5">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-700">Pending exports</h2>
          <StagingToggle action={setStagingModeAction} maId={ma.id} enabled={ma.stagingMode} />
        </div>
        <p className="mb-2 text-xs text-slate-500">
          {ma.stagingMode
            ? "Staging mode is on: export runs write nothing to the connected system and hold these changes for review."
            : "Changes the next export run writes to the connected system; exported ones wait for an import to confirm them."}
        </p>
        <form method="get" action={`/management-agents/${ma.id}#pending-exports`} className="mb-2 flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-white p-2" aria-label="Filter pending exports">
          <div className="min-w-56 flex-1">
            <label htmlFor="pe-dn" className="text-xs font-medium text-slate-600">DN contains</label>
            <Input id="pe-dn" name="dn" defaultValue={query.dn ?? ""} />
          </div>
          <div className="w-32">
            <label htmlFor="pe-op" className="text-xs font-medium text-slate-600">Operation</label>
            <Select id="pe-op" name="op" defaultValue={query.op ?? ""}>
              <option value="">any</option>
              {EXPORT_OPS.map((o) => <option key={o} value={o}>{o}</option>)}
            </Select>
          </div>
          <div className="w-32">
            <label htmlFor="pe-status" className="text-xs font-medium text-slate-600">Status</label>
            <Select id="pe-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">any</option>
              {EXPORT_STATUSES.map((o) => <option key={o} value={o}>{o}</option>)}
            </Select>
          </div>
          <Button type="submit" variant="secondary">Filter</Button>
          <a className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-sky-800 hover:bg-slate-50" href={download("csv")} download>Download CSV</a>
          <a className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-sky-800 hover:bg-slate-50" href={download("ldif")} download>Download LDIF</a>
        </form>
        {!parsed.success ? <Notice tone="error">{parsed.error.issues[0]?.message ?? "bad filter"}</Notice> : null}
        {exportsPage.total === 0 ? (
          <EmptyState title={filterParams.size ? "No pending export matches the filter" : "No pending exports"}>
            {filterParams.size ? "Clear the filter to see them all." : "A synchronization stages exports here when the metaverse changes something this MA owns."}
          </EmptyState>
        ) : (
          <>
            <PendingExportsTable maId={ma.id} items={exportsPage.items} />
            <Pager label="Pending export pages" page={exportsPage.page} pageSize={exportsPage.pageSize} total={exportsPage.total} href={pageHref} />
          </>
        )}
      </section>
    </>
  );
}

function Count({ label, n }: { label: string; n: number }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="tabular-nums" data-testid={`count-${label.toLowerCase().replace(/ /g, "-")}`}>{n}</dd>
    </div>
  );
}
