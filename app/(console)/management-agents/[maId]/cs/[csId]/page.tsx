import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PreviewPanel } from "../../../../../../components/connector-space/preview-panel.tsx";
import { ChangesList } from "../../../../../../components/management-agents/changes-list.tsx";
import { formatDateTime } from "../../../../../../components/ui/format.ts";
import { Section } from "../../../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../../../components/ui/page-header.tsx";
import { StatusBadge } from "../../../../../../components/ui/status-badge.tsx";
import { Table, Td, Th } from "../../../../../../components/ui/table.tsx";
import { requirePageRole } from "../../../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../../../lib/errors/app-error.ts";
import { getCsEntry } from "../../../../../../lib/services/connector-space.ts";
import { previewAction } from "./actions.ts";

export const metadata: Metadata = { title: "csentry" };
export const dynamic = "force-dynamic";

export default async function CsEntryPage({ params }: { params: Promise<{ maId: string; csId: string }> }) {
  const user = await requirePageRole("admin");
  const { maId, csId } = await params;
  const cs = await getCsEntry(user, maId, csId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const attrNames = Object.keys(cs.attrs).sort();
  return (
    <>
      <PageHeader
        title={`csentry ${cs.dn}`}
        description={<Link href={`/management-agents/${cs.maId}`} className="text-sky-700 hover:underline">← {cs.maName}</Link>}
      />
      <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-3 sm:grid-cols-4" aria-label="csentry properties">
        <Item label="Management agent">{cs.maName}</Item>
        <Item label="Anchor"><span className="font-mono text-xs">{cs.anchor ?? "(not exported yet)"}</span></Item>
        <Item label="Object type">{cs.objectType}</Item>
        <Item label="State"><span data-testid="cs-state">{cs.state}</span>{cs.deleted ? <span className="ml-1 text-xs text-red-700">(deleted in the system; removed at the next sync)</span> : null}</Item>
        <Item label="DN"><span className="break-all font-mono text-xs">{cs.dn}</span></Item>
        <Item label="Linked by">{cs.linkType ?? "—"} {cs.linkedAt ? <span className="font-mono text-xs text-slate-500">{formatDateTime(cs.linkedAt)}</span> : null}</Item>
        <Item label="mventry">
          {cs.mv ? <Link className="text-sky-800 hover:underline" href={`/metaverse-search/${cs.mv.id}`}>{cs.mv.displayName} ({cs.mv.objectType})</Link> : "none (disconnector)"}
        </Item>
        <Item label="Last change"><span className="font-mono text-xs">{formatDateTime(cs.updatedAt)}</span></Item>
      </dl>
      {cs.state === "normal-disconnector" || cs.state === "explicit-disconnector" ? (
        <p className="mb-4 text-xs text-slate-600">
          This csentry is a {cs.state}: <Link className="text-sky-800 underline" href={`/joiner/${cs.id}`}>open it in the Joiner</Link> to join or project it by hand.
        </p>
      ) : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <Section title="Attributes (last imported)">
          {attrNames.length === 0 ? (
            <p className="text-slate-500">No attribute values.</p>
          ) : (
            <Table label="csentry attributes">
              <thead><tr><Th>Attribute</Th><Th>Values</Th></tr></thead>
              <tbody>
                {attrNames.map((a) => (
                  <tr key={a}><Td className="font-mono text-xs">{a}</Td><Td>{(cs.attrs[a] ?? []).map((v, i) => <div key={i} className="break-all">{v}</div>)}</Td></tr>
                ))}
              </tbody>
            </Table>
          )}
        </Section>
        <div>
          <Section title="Pending import">
            {cs.pendingImport ? (
              <p data-testid="pending-import">
                <span className="font-mono text-xs">{cs.pendingImport.op}</span>
                {cs.pendingImport.previousDn ? <span className="text-xs text-slate-500"> (was {cs.pendingImport.previousDn})</span> : null}
                {cs.pendingImport.changedAttrs?.length ? <span className="text-xs text-slate-500"> · changed: {cs.pendingImport.changedAttrs.join(", ")}</span> : null}
              </p>
            ) : <p className="text-slate-500">None: the last import is synchronized.</p>}
          </Section>
          <Section title="Pending export">
            {cs.pendingExport ? (
              <div className="rounded border border-slate-200 bg-white p-3" data-testid="pending-export">
                <p className="mb-1"><span className="font-mono text-xs">{cs.pendingExport.op}</span> <StatusBadge status={cs.pendingExport.status} />
                  {cs.pendingExport.newDn ? <span className="font-mono text-xs"> → {cs.pendingExport.newDn}</span> : null}</p>
                {cs.pendingExport.error ? <p className="text-xs text-red-700">{cs.pendingExport.error}</p> : null}
                <ChangesList changes={cs.pendingExport.changes} />
              </div>
            ) : <p className="text-slate-500">None.</p>}
          </Section>
        </div>
      </div>
      <Section title="Preview">
        <PreviewPanel action={previewAction} maId={cs.maId} csId={cs.id} />
      </Section>
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
