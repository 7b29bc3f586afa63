import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { MvSearchForm } from "../../../components/metaverse/mv-search-form.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { HelpdeskResetForm } from "../../../components/password/helpdesk-reset-form.tsx";
import { Section } from "../../../components/ui/form.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import type { MvEntryDetail, MvSearchResult } from "../../../lib/dto/metaverse.ts";
import { isAppError } from "../../../lib/errors/app-error.ts";
import { mvSearchInputSchema } from "../../../lib/schemas/metaverse.ts";
import { listMetaverseModel } from "../../../lib/services/metaverse-designer.ts";
import { getMvEntry, searchMetaverse } from "../../../lib/services/metaverse-search.ts";
import { loadPasswordPolicy, policyHint } from "../../../lib/services/password-policy.ts";
import { previewPasswordTargets } from "../../../lib/services/password-reset.ts";
import { resetPasswordAction } from "./actions.ts";

export const metadata: Metadata = { title: "Password Reset" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Help desk: find a person, see the accounts IdSync knows for them, and set a new password in every system that manages passwords. */
export default async function PasswordResetPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("helpdesk");
  const raw = await searchParams;
  const initial = { objectType: first(raw.objectType), attr: first(raw.attr), value: first(raw.value), match: first(raw.match) };
  const model = (await listMetaverseModel(user)).filter((t) => t.attributes.length > 0);

  let result: MvSearchResult | null = null;
  let errors: Record<string, string[]> = {};
  if (initial.value !== undefined) {
    const parsed = mvSearchInputSchema.safeParse(initial);
    if (parsed.success) result = await searchMetaverse(user, parsed.data);
    else errors = Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).filter((e): e is [string, string[]] => !!e[1]));
  }
  const mvId = first(raw.mvId);
  const selected: MvEntryDetail | null = mvId
    ? await getMvEntry(user, mvId).catch((e: unknown) => {
        if (isAppError(e) && e.code === "NOT_FOUND") return null;
        throw e;
      })
    : null;

  const targets = selected ? await previewPasswordTargets(user, selected.id) : [];

  // person first: that is whom the help desk resets passwords for
  const ordered = [...model].sort((a, b) => (a.name === "person" ? -1 : b.name === "person" ? 1 : a.name.localeCompare(b.name)));
  const query = new URLSearchParams(Object.entries(initial).filter((e): e is [string, string] => typeof e[1] === "string"));

  return (
    <>
      <PageHeader title="Password Reset" description="Find the person, check the accounts IdSync manages for them, and set a new password in those systems." />
      {ordered.length === 0 ? (
        <EmptyState title="Nothing to search yet">Ask an administrator to define the metaverse and run the management agents.</EmptyState>
      ) : (
        <MvSearchForm
          action="/password-reset"
          model={ordered.map((t) => ({ name: t.name, attributes: t.attributes.map((a) => a.name) }))}
          initial={{ ...initial, attr: initial.attr ?? "accountName", match: initial.match ?? "prefix" }}
          errors={errors}
        />
      )}
      {result && result.hits.length === 0 ? (
        <EmptyState title="No one matches">Try “starts with” or another attribute (accountName, mail, employeeID).</EmptyState>
      ) : null}
      {result && result.hits.length > 0 ? (
        <Section title="People found">
          <Table label="People found">
            <thead><tr><Th>Display name</Th><Th>Account</Th><Th>Mail</Th><Th /></tr></thead>
            <tbody>
              {result.hits.map((h) => {
                const q = new URLSearchParams(query);
                q.set("mvId", h.id);
                return (
                  <tr key={h.id} className={h.id === mvId ? "bg-sky-50" : "hover:bg-sky-50"}>
                    <Td className="font-medium">{h.displayName}</Td>
                    <Td>{h.summary.accountName ?? h.summary.uid ?? "—"}</Td>
                    <Td>{h.summary.mail ?? "—"}</Td>
                    <Td><Link className="text-sky-700 hover:underline" href={`/password-reset?${q.toString()}`}>Select</Link></Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Section>
      ) : null}
      {selected ? (
        <Section title={`Accounts of ${selected.attrs.displayName?.[0] ?? selected.id}`}>
          {selected.connectors.length === 0 ? (
            <p className="text-slate-500">IdSync knows no account of this person in any connected system.</p>
          ) : (
            <Table label="Accounts">
              <thead><tr><Th>Management agent</Th><Th>DN</Th><Th>State</Th></tr></thead>
              <tbody>
                {selected.connectors.map((c) => (
                  <tr key={c.csId}><Td>{c.maName}</Td><Td className="font-mono text-xs">{c.dn}</Td><Td>{c.state}</Td></tr>
                ))}
              </tbody>
            </Table>
          )}
          <div className="mt-3">
            <HelpdeskResetForm action={resetPasswordAction} mvId={selected.id} targets={targets} policyHint={policyHint(loadPasswordPolicy())} />
          </div>
        </Section>
      ) : null}
    </>
  );
}
