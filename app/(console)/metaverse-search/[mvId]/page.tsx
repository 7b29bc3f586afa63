import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ResetPasswordButton } from "../../../../components/password/reset-password-button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../../components/ui/format.ts";
import { Section } from "../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Pager } from "../../../../components/ui/pager.tsx";
import { Table, Td, Th } from "../../../../components/ui/table.tsx";
import type { LineageView } from "../../../../lib/dto/metaverse.ts";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { hasRole } from "../../../../lib/auth/roles.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { pageParam } from "../../../../lib/schemas/runs.ts";
import { getMvEntry } from "../../../../lib/services/metaverse-search.ts";
import { attributeLineage, getMvHistory } from "../../../../lib/services/mv-history.ts";

export const metadata: Metadata = { title: "mventry" };
export const dynamic = "force-dynamic";

export default async function MvEntryPage({ params, searchParams }: { params: Promise<{ mvId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("helpdesk");
  const { mvId } = await params;
  const raw = (await searchParams).historyPage;
  const historyPage = pageParam.catch(1).parse(Array.isArray(raw) ? raw[0] : raw);
  const mv = await getMvEntry(user, mvId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const name = mv.attrs.displayName?.[0] ?? mv.attrs.cn?.[0] ?? mv.id;
  const attrNames = Object.keys(mv.attrs).sort();
  const [lineage, history] = await Promise.all([attributeLineage(user, mv), getMvHistory(user, mv.id, historyPage)]);
  const lineageOf = new Map(lineage.map((l) => [l.attr, l]));
  const admin = hasRole(user.role, "admin");
  return (
    <>
      <PageHeader
        title={`${name} (${mv.objectType})`}
        description={<Link href="/metaverse-search" className="text-sky-700 hover:underline">← Metaverse Search</Link>}
        actions={<ResetPasswordButton mvId={mv.id} />}
      />
      <p className="mb-4 text-xs text-slate-500">
        mventry <span className="font-mono">{mv.id}</span> · created {formatDateTime(mv.createdAt)} · last change {formatDateTime(mv.updatedAt)}
      </p>
      <Section title="Attributes">
        {attrNames.length === 0 ? (
          <p className="text-slate-500">This mventry has no attribute values.</p>
        ) : (
          <Table label="Attributes">
            <thead><tr><Th>Attribute</Th><Th>Values</Th><Th>Last written by (MA · run · rule · time)</Th></tr></thead>
            <tbody>
              {attrNames.map((a) => (
                <tr key={a}>
                  <Td className="font-mono text-xs">{a}</Td>
                  <Td>{(mv.attrs[a] ?? []).map((v, i) => <div key={i} className="break-all">{v}</div>)}</Td>
                  <Td className="text-xs text-slate-600"><Lineage l={lineageOf.get(a)} /></Td>
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
                  <Td className="font-mono text-xs">
                    {admin ? <Link className="text-sky-800 hover:underline" href={`/management-agents/${c.maId}/cs/${c.csId}`}>{c.dn}</Link> : c.dn}
                  </Td>
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
      <Section title={`Attribute history (${history.total})`}>
        {history.total === 0 ? (
          <p className="text-slate-500">No recorded change: history starts with the first synchronization that changes a value.</p>
        ) : (
          <>
            <Table label="Attribute history">
              <thead><tr><Th>Time</Th><Th>Attribute</Th><Th>Old → new</Th><Th>Management agent</Th><Th>Run</Th><Th>Rule</Th></tr></thead>
              <tbody>
                {history.items.map((h) => (
                  <tr key={h.id}>
                    <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(h.at)}</Td>
                    <Td className="font-mono text-xs">{h.attr}</Td>
                    <Td className="break-all text-xs">
                      <span className="text-red-700">{h.oldValue.length ? h.oldValue.join("; ") : "(none)"}</span>
                      {" → "}
                      <span className="text-emerald-700">{h.newValue.length ? h.newValue.join("; ") : "(none)"}</span>
                    </Td>
                    <Td>{h.maName ?? h.maId ?? "—"}</Td>
                    <Td className="text-xs">{h.runId ? <Link className="text-sky-800 hover:underline" href={`/operations/${h.runId}`}>run</Link> : "—"}</Td>
                    <Td className="font-mono text-xs">{h.rule ?? "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pager label="History pages" page={history.page} pageSize={history.pageSize} total={history.total} href={(p) => `/metaverse-search/${mv.id}?historyPage=${p}`} />
          </>
        )}
      </Section>
      <Section title="Raw JSON">
        <pre className="overflow-x-auto rounded border border-slate-200 bg-white p-3 font-mono text-xs">{JSON.stringify({ attrs: mv.attrs, lineage: mv.lineage }, null, 2)}</pre>
      </Section>
    </>
  );
}

function Lineage({ l }: { l: LineageView | undefined }) {
  if (!l || (!l.maId && !l.maName)) return <>—</>;
  return (
    <span>
      <span className="font-medium text-slate-800">{l.maName ?? l.maId}</span>
      {l.runId ? <> · <Link className="text-sky-800 hover:underline" href={`/operations/${l.runId}`}>run</Link></> : null}
      {l.rule ? <> · <span className="font-mono">{l.rule}</span></> : null}
      {l.at ? <> · <span className="font-mono">{formatDateTime(l.at)}</span></> : null}
    </span>
  );
}
