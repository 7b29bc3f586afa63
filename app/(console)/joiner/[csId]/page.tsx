import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DisconnectorStateButton, JoinButton, ProjectForm } from "../../../../components/joiner/joiner-forms.tsx";
import { MvSearchForm } from "../../../../components/metaverse/mv-search-form.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { Notice, Section } from "../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../../components/ui/table.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import type { MvSearchResult } from "../../../../lib/dto/metaverse.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { mvSearchInputSchema } from "../../../../lib/schemas/metaverse.ts";
import { getJoinerEntry } from "../../../../lib/services/joiner.ts";
import { listMetaverseModel } from "../../../../lib/services/metaverse-designer.ts";
import { searchMetaverse } from "../../../../lib/services/metaverse-search.ts";
import { disconnectorStateAction, joinAction, projectAction } from "../actions.ts";

export const metadata: Metadata = { title: "Joiner" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function JoinerEntryPage({ params, searchParams }: { params: Promise<{ csId: string }>; searchParams: Promise<Params> }) {
  const user = await requirePageRole("admin");
  const { csId } = await params;
  const raw = await searchParams;
  const cs = await getJoinerEntry(user, csId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const model = (await listMetaverseModel(user)).filter((t) => t.attributes.length > 0);
  const initial = { objectType: first(raw.objectType), attr: first(raw.attr), value: first(raw.value), match: first(raw.match) };
  let result: MvSearchResult | null = null;
  let errors: Record<string, string[]> = {};
  if (initial.value !== undefined) {
    const parsed = mvSearchInputSchema.safeParse(initial);
    if (parsed.success) result = await searchMetaverse(user, parsed.data);
    else errors = Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).filter((e): e is [string, string[]] => !!e[1]));
  }
  const defaultType = model.find((t) => t.name === "person")?.name ?? model[0]?.name;
  const attrNames = Object.keys(cs.attrs).sort();
  const normal = cs.state === "normal-disconnector";
  return (
    <>
      <PageHeader
        title={`Joiner · ${cs.dn}`}
        description={<><Link href="/joiner" className="text-sky-700 hover:underline">← Joiner</Link> · {cs.maName} · {cs.objectType} · <span data-testid="joiner-state">{cs.state}</span></>}
        actions={<Link className="text-xs text-sky-700 hover:underline" href={`/management-agents/${cs.maId}/cs/${cs.id}`}>csentry page</Link>}
      />
      {cs.state === "explicit-disconnector" ? (
        <div className="mb-4 flex flex-col gap-2">
          <Notice>This csentry is an explicit disconnector: no join or projection rule touches it. Make it a normal disconnector to join or project it.</Notice>
          <DisconnectorStateButton action={disconnectorStateAction} csId={cs.id} explicit />
        </div>
      ) : !normal ? (
        <div className="mb-4">
          <Notice>This csentry is a {cs.state}{cs.mv ? <> linked to <Link className="underline" href={`/metaverse-search/${cs.mv.id}`}>{cs.mv.displayName}</Link></> : null}; the Joiner acts on normal disconnectors only.</Notice>
        </div>
      ) : null}
      <div className="grid gap-4 xl:grid-cols-[22rem_1fr]">
        <Section title="csentry attributes">
          {attrNames.length === 0 ? <p className="text-slate-500">No attribute values.</p> : (
            <Table label="csentry attributes">
              <tbody>
                {attrNames.map((a) => (
                  <tr key={a}><Td className="font-mono text-xs">{a}</Td><Td className="break-all text-xs">{(cs.attrs[a] ?? []).join("; ")}</Td></tr>
                ))}
              </tbody>
            </Table>
          )}
        </Section>
        {normal ? (
          <div>
            <Section title="Join to an existing mventry">
              {model.length === 0 ? (
                <EmptyState title="The metaverse has no object types yet" />
              ) : (
                <MvSearchForm action={`/joiner/${cs.id}`} model={model.map((t) => ({ name: t.name, attributes: t.attributes.map((a) => a.name) }))} initial={{ ...initial, objectType: initial.objectType ?? defaultType, match: initial.match ?? "prefix" }} errors={errors} />
              )}
              {result && result.hits.length === 0 ? <p className="text-slate-500">No mventry matches; try “starts with” or another attribute, or project a new one.</p> : null}
              {result && result.hits.length > 0 ? (
                <Table label="Join candidates">
                  <thead><tr><Th>Display name</Th><Th>Object type</Th><Th>Summary</Th><Th /></tr></thead>
                  <tbody>
                    {result.hits.map((h) => (
                      <tr key={h.id}>
                        <Td><Link className="font-medium text-sky-800 hover:underline" href={`/metaverse-search/${h.id}`}>{h.displayName}</Link></Td>
                        <Td>{h.objectType}</Td>
                        <Td className="text-xs">{Object.entries(h.summary).filter(([k]) => k !== "displayName").map(([k, v]) => `${k}: ${v}`).join(" · ")}</Td>
                        <Td><JoinButton action={joinAction} csId={cs.id} mvId={h.id} label={h.displayName} /></Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : null}
            </Section>
            <Section title="Project as a new mventry">
              <ProjectForm action={projectAction} csId={cs.id} objectTypes={model.map((t) => t.name)} defaultType={defaultType} />
            </Section>
            <Section title="Keep it apart">
              <p className="mb-2 text-xs text-slate-500">An explicit disconnector is never joined or projected by the rules (for example a shared or test account).</p>
              <DisconnectorStateButton action={disconnectorStateAction} csId={cs.id} explicit={false} />
            </Section>
          </div>
        ) : null}
      </div>
    </>
  );
}
