import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../components/ui/format.ts";
import { Section } from "../../../components/ui/form.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { DISCONNECTORS_PER_MA, listDisconnectors } from "../../../lib/services/joiner.ts";

export const metadata: Metadata = { title: "Joiner" };
export const dynamic = "force-dynamic";

export default async function JoinerPage() {
  const user = await requirePageRole("admin");
  const [groups, explicit] = await Promise.all([listDisconnectors(user, "normal-disconnector"), listDisconnectors(user, "explicit-disconnector")]);
  const explicitItems = explicit.flatMap((g) => g.items.map((c) => ({ ...c, maName: g.maName })));
  return (
    <>
      <PageHeader
        title="Joiner"
        description="Normal disconnectors: csentries that no join or projection rule linked to an mventry. Open one to join it to an mventry, project it as a new one, or keep it apart as an explicit disconnector."
      />
      {groups.length === 0 ? (
        <EmptyState title="No management agents yet">
          Create one with the MA Designer or <code className="rounded bg-slate-100 px-1">npx idsync config apply FILE</code>, then run an import and a synchronization.
        </EmptyState>
      ) : (
        groups.map((g) => (
          <Section key={g.maId} title={`${g.maName} · ${g.total} disconnector${g.total === 1 ? "" : "s"}`}>
            {g.items.length === 0 ? (
              <p className="rounded border border-dashed border-slate-300 bg-white px-3 py-2 text-slate-500">
                No disconnectors in {g.maName}. Either every csentry is joined, or nothing was imported yet: run its “Full Import” and “Full Sync” profiles.
              </p>
            ) : (
              <>
                <Table label={`Disconnectors of ${g.maName}`}>
                  <thead>
                    <tr><Th>DN</Th><Th>Anchor</Th><Th>Object type</Th><Th>Last change</Th><Th /></tr>
                  </thead>
                  <tbody>
                    {g.items.map((c) => (
                      <tr key={c.id}>
                        <Td className="font-mono text-xs">{c.dn}</Td>
                        <Td className="font-mono text-xs">{c.anchor ?? "—"}</Td>
                        <Td>{c.objectType}</Td>
                        <Td className="font-mono text-xs">{formatDateTime(c.updatedAt)}</Td>
                        <Td><Link className="text-xs text-sky-800 hover:underline" href={`/joiner/${c.id}`} aria-label={`Join or project ${c.dn}`}>Join or project…</Link></Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {g.total > g.items.length ? (
                  <p className="mt-1 text-xs text-slate-500">First {DISCONNECTORS_PER_MA} of {g.total} shown.</p>
                ) : null}
              </>
            )}
          </Section>
        ))
      )}
      {explicitItems.length > 0 ? (
        <Section title={`Explicit disconnectors · ${explicitItems.length}`}>
          <Table label="Explicit disconnectors">
            <thead><tr><Th>Management agent</Th><Th>DN</Th><Th>Object type</Th><Th /></tr></thead>
            <tbody>
              {explicitItems.map((c) => (
                <tr key={c.id}>
                  <Td>{c.maName}</Td>
                  <Td className="font-mono text-xs">{c.dn}</Td>
                  <Td>{c.objectType}</Td>
                  <Td><Link className="text-xs text-sky-800 hover:underline" href={`/joiner/${c.id}`}>Open</Link></Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Section>
      ) : null}
    </>
  );
}
