import type { Metadata } from "next";
import Link from "next/link";
import { MvQueryForm } from "../../../components/metaverse/mv-query-form.tsx";
import { MvQueryResults } from "../../../components/metaverse/mv-query-results.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { hasRole } from "../../../lib/auth/roles.ts";
import type { MvQueryPage } from "../../../lib/dto/metaverse.ts";
import { isAppError } from "../../../lib/errors/app-error.ts";
import { hasMvQuery, mvQueryFieldErrors, mvQueryFromParams, mvQuerySchema, type MvQuery } from "../../../lib/schemas/mv-query.ts";
import { listMetaverseModel } from "../../../lib/services/metaverse-designer.ts";
import { queryMetaverse } from "../../../lib/services/metaverse-query.ts";

export const metadata: Metadata = { title: "Metaverse Search" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

/** Field errors an INVALID_INPUT from the service carries (an attribute the model lacks, say). */
function fieldErrorsOf(e: unknown): Record<string, string[]> | null {
  if (!isAppError(e) || e.code !== "INVALID_INPUT") return null;
  const fields = (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
  return fields && Object.keys(fields).length > 0 ? fields : { query: [e.message] };
}

export default async function MetaverseSearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("helpdesk");
  const raw = await searchParams;
  const input = mvQueryFromParams(raw);
  const model = await listMetaverseModel(user);

  let result: { query: MvQuery; page: MvQueryPage } | null = null;
  let errors: Record<string, string[]> = {};
  if (hasMvQuery(raw)) {
    const parsed = mvQuerySchema.safeParse(input);
    if (!parsed.success) errors = mvQueryFieldErrors(parsed.error);
    else {
      try {
        result = { query: parsed.data, page: await queryMetaverse(user, parsed.data) };
      } catch (e) {
        const fields = fieldErrorsOf(e);
        if (!fields) throw e;
        errors = fields;
      }
    }
  }

  return (
    <>
      <PageHeader title="Metaverse Search" description="Find mventries by their attribute values: clauses joined by AND or OR, the columns you choose, paged in creation order." />
      {model.length === 0 ? (
        <EmptyState title="The metaverse has no object types yet">
          {hasRole(user.role, "admin")
            ? <>Define them in the <Link className="text-sky-700 underline" href="/metaverse-designer">Metaverse Designer</Link> or with <code className="rounded bg-slate-100 px-1">npx idsync config apply FILE</code>.</>
            : "Ask an administrator to define the metaverse and run the management agents."}
        </EmptyState>
      ) : (
        <>
          <MvQueryForm
            model={model.map((t) => ({ name: t.name, attributes: t.attributes.map((a) => a.name) }))}
            initial={{
              objectType: input.objectType || undefined,
              join: input.join,
              clauses: input.clauses.map((c) => ({ attr: c.attr, op: c.op, value: c.value ?? "" })),
              // with no column chosen the service picked some: show them checked
              columns: result?.page.columns ?? input.columns ?? [],
              size: input.size as string | undefined,
            }}
            errors={errors}
          />
          {errors.query ? <p className="mb-2 text-xs text-red-600" role="alert">{errors.query.join("; ")}</p> : null}
          {result ? <MvQueryResults query={result.query} page={result.page} /> : null}
        </>
      )}
    </>
  );
}
