import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Notice } from "../../../components/ui/form.tsx";
import { formatDateTime } from "../../../components/ui/format.ts";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { RunControl } from "../../../components/management-agents/run-control.tsx";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { MaDraftList } from "../../../components/ma-designer/ma-draft-list.tsx";
import { listManagementAgents } from "../../../lib/services/management-agents.ts";
import { listMaDrafts } from "../../../lib/services/ma-drafts.ts";
import { discardMaDraftAction, startRunAction } from "./actions.ts";

export const metadata: Metadata = { title: "Management Agents" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ManagementAgentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("admin");
  const mas = await listManagementAgents(user);
  const drafts = await listMaDrafts(user);
  const raw = await searchParams;
  const deleted = first(raw.deleted);
  const num = (key: string) => Number(first(raw[key]) ?? 0) || 0;
  return (
    <>
      <PageHeader title="Management Agents" description="Each management agent links one connected system; its connector space holds the objects last seen there."
        actions={<Link href="/management-agents/new" className="rounded bg-sky-700 px-3 py-1 text-[13px] font-medium text-white shadow-sm hover:bg-sky-800">New management agent</Link>} />
      {deleted ? (
        <div className="mb-4">
          <Notice tone="success">
            Management agent “{deleted}” deleted: {num("csObjects")} csentries removed, {num("mventriesDeleted")} mventries deleted, {num("mventriesKept")} kept with values
            recalled from other agents, {num("exportsStaged")} changes staged as other agents’ pending exports{num("errors") ? `, ${num("errors")} errors (see the audit log)` : ""}.
          </Notice>
        </div>
      ) : null}
      <MaDraftList drafts={drafts} discard={discardMaDraftAction} />
      {mas.length === 0 ? (
        <EmptyState title="No management agents yet">
          Create one with the MA Designer or <code className="rounded bg-slate-100 px-1">npx idsync config apply FILE</code>.
          A fresh installation seeds the demo agents “HR” and “Directory” on its first start.
        </EmptyState>
      ) : (
        <Table label="Management agents">
          <thead>
            <tr>
              <Th>Name</Th><Th>Type</Th><Th className="text-right">Objects</Th><Th className="text-right">Connectors</Th>
              <Th className="text-right">Disconnectors</Th><Th className="text-right">Explicit</Th><Th className="text-right">Filtered</Th>
              <Th className="text-right">Pending imports</Th><Th className="text-right">Pending exports</Th><Th>Run profiles</Th><Th>Last run</Th><Th>Run</Th>
            </tr>
          </thead>
          <tbody>
            {mas.map((ma) => (
              <tr key={ma.id} className="hover:bg-sky-50">
                <Td>
                  <div className="font-medium"><Link href={`/management-agents/${ma.id}`} className="text-sky-800 hover:underline">{ma.name}</Link>{ma.stagingMode ? <span className="ml-1 text-xs text-amber-700">(staging)</span> : null}</div>
                  {ma.description ? <div className="text-xs text-slate-500">{ma.description}</div> : null}
                </Td>
                <Td className="font-mono text-xs">{ma.type}</Td>
                <Td className="text-right tabular-nums">{ma.counts.total}</Td>
                <Td className="text-right tabular-nums">{ma.counts.connectors}</Td>
                <Td className="text-right tabular-nums">{ma.counts.normalDisconnectors}</Td>
                <Td className="text-right tabular-nums">{ma.counts.explicitDisconnectors}</Td>
                <Td className="text-right tabular-nums">{ma.counts.filteredDisconnectors}</Td>
                <Td className="text-right tabular-nums">{ma.counts.pendingImports}</Td>
                <Td className="text-right tabular-nums">{ma.counts.pendingExports}</Td>
                <Td className="text-xs">{ma.runProfiles.length ? ma.runProfiles.join(", ") : <span className="text-slate-400">none</span>}</Td>
                <Td className="whitespace-nowrap text-xs">
                  {ma.lastRun ? (
                    <Link href={`/operations/${ma.lastRun.id}`} className="flex flex-col gap-0.5 hover:underline">
                      <span>{ma.lastRun.profileName} <StatusBadge status={ma.lastRun.status} /></span>
                      <span className="font-mono text-slate-500">{formatDateTime(ma.lastRun.endedAt)}</span>
                    </Link>
                  ) : (
                    <span className="text-slate-400">never run</span>
                  )}
                </Td>
                <Td><RunControl action={startRunAction} maId={ma.id} maName={ma.name} profiles={ma.runProfiles} /></Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
