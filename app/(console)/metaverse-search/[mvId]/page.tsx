import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../../components/ui/format.ts";
import { Section } from "../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../../components/ui/table.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { getMvEntry } from "../../../../lib/services/metaverse-search.ts";

export const metadata: Metadata = { title: "mventry" };
export const dynamic = "force-dynamic";

export default async function MvEntryPage({ params }: { params: Promise<{ mvId: string }> }) {
  const user = await requirePageRole("helpdesk");
  const { mvId } = await params;
  const mv = await getMvEntry(user, mvId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const name = mv.attrs.displayName?.[0] ?? mv.attrs.cn?.[0] ?? mv.id;
  const attrNames = Object.keys(mv.attrs).sort();
  return (
    <>
      <PageHeader
        title={`${name} (${mv.objectType})`}
        description={<Link href="/metaverse-search" className="text-sky-700 hover:underline">← Metaverse Search</Link>}
      />
      <p className="mb-4 text-xs text-slate-500">
        mventry <span className="font-mono">{mv.id}</span> · created {formatDateTime(mv.createdAt)} · last change {formatDateTime(mv.updatedAt)}
      </p>
      <Section title="Attributes">
        {attrNames.length === 0 ? (
          <p className="text-slate-500">This mventry has no attribute values.</p>
        ) : (
          <Table label="Attributes">
            <thead><tr><Th>Attribute</Th><Th>Values</Th><Th>Contributed by (lineage)</Th></tr></thead>
            <tbody>
              {attrNames.map((a) => (
                <tr key={a}>
                  <Td className="font-mono text-xs">{a}</Td>
                  <Td>{(mv.attrs[a] ?? []).map((v, i) => <div key={i} className="break-all">{v}</div>)}</Td>
                  <Td className="font-mono text-xs text-slate-600">{mv.lineage[a] ? JSON.stringify(mv.lineage[a]) : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section title={`Connectors (${mv.connectors.length})`}>
        {mv.connectors.length === 0 ? (
          <EmptyState title="No connectors">No csentry is linked to this mventry; an object deletion rule may remove it at the next synchronization.</EmptyState>
        ) : (
          <Table label="Connectors">
            <thead><tr><Th>Management agent</Th><Th>DN</Th><Th>Anchor</Th><Th>Object type</Th><Th>State</Th><Th>Linked by</Th><Th>Linked at</Th></tr></thead>
            <tbody>
              {mv.connectors.map((c) => (
                <tr key={c.csId}>
                  <Td className="font-medium">{c.maName}</Td>
                  <Td className="font-mono text-xs">{c.dn}</Td>
                  <Td className="font-mono text-xs">{c.anchor ?? "(not exported yet)"}</Td>
                  <Td>{c.objectType}</Td>
                  <Td>{c.state}</Td>
                  <Td>{c.linkType ?? "—"}</Td>
                  <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(c.linkedAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section title="Raw JSON">
        <pre className="overflow-x-auto rounded border border-slate-200 bg-white p-3 font-mono text-xs">{JSON.stringify({ attrs: mv.attrs, lineage: mv.lineage }, null, 2)}</pre>
      </Section>
    </>
  );
}
