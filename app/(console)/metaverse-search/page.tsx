import type { Metadata } from "next";
import Link from "next/link";
import { MvSearchForm } from "../../../components/metaverse/mv-search-form.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { formatDateTime } from "../../../components/ui/format.ts";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { z } from "zod";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { hasRole } from "../../../lib/auth/roles.ts";
import type { MvSearchResult } from "../../../lib/dto/metaverse.ts";
import { mvSearchInputSchema } from "../../../lib/schemas/metaverse.ts";
import { listMetaverseModel } from "../../../lib/services/metaverse-designer.ts";
import { SEARCH_LIMIT, searchMetaverse } from "../../../lib/services/metaverse-search.ts";

export const metadata: Metadata = { title: "Metaverse Search" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function MetaverseSearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("helpdesk");
  const raw = await searchParams;
  const initial = { objectType: first(raw.objectType), attr: first(raw.attr), value: first(raw.value), match: first(raw.match) };
  const model = await listMetaverseModel(user);

  let result: MvSearchResult | null = null;
  let errors: Record<string, string[]> = {};
  if (initial.value !== undefined) {
    const parsed = mvSearchInputSchema.safeParse(initial);
    if (parsed.success) result = await searchMetaverse(user, parsed.data);
    else errors = Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).filter((e): e is [string, string[]] => !!e[1]));
  }

  return (
    <>
      <PageHeader title="Metaverse Search" description="Find mventries by the value of one attribute (case-insensitive; equal or starting with)." />
      {model.length === 0 ? (
        <EmptyState title="The metaverse has no object types yet">
          {hasRole(user.role, "admin")
            ? <>Define them in the <Link className="text-sky-700 underline" href="/metaverse-designer">Metaverse Designer</Link> or with <code className="rounded bg-slate-100 px-1">npx idsync config apply FILE</code>.</>
            : "Ask an administrator to define the metaverse and run the management agents."}
        </EmptyState>
      ) : (
        <>
          <MvSearchForm model={model.map((t) => ({ name: t.name, attributes: t.attributes.map((a) => a.name) }))} initial={initial} errors={errors} />
          {result ? <Results result={result} /> : null}
        </>
      )}
    </>
  );
}

function Results({ result }: { result: MvSearchResult }) {
  if (result.hits.length === 0) {
    return (
      <EmptyState title="No mventry matches">
        Try “starts with”, another attribute, or check that the management agents ran a Full Import and a Full Sync (see Operations).
      </EmptyState>
    );
  }
  const columns = [...new Set(result.hits.flatMap((h) => Object.keys(h.summary)))].filter((c) => c !== "displayName");
  return (
    <>
      <p className="mb-2 text-xs text-slate-500">
        {result.hits.length} mventr{result.hits.length === 1 ? "y" : "ies"}{result.truncated ? ` (first ${SEARCH_LIMIT}; narrow the search to see the rest)` : ""}
      </p>
      <Table label="Search results">
        <thead>
          <tr><Th>Display name</Th><Th>Object type</Th>{columns.map((c) => <Th key={c}>{c}</Th>)}<Th>Last change</Th></tr>
        </thead>
        <tbody>
          {result.hits.map((h) => (
            <tr key={h.id} className="hover:bg-sky-50">
              <Td><Link className="font-medium text-sky-800 hover:underline" href={`/metaverse-search/${h.id}`}>{h.displayName}</Link></Td>
              <Td>{h.objectType}</Td>
              {columns.map((c) => <Td key={c}>{h.summary[c] ?? ""}</Td>)}
              <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(h.updatedAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
