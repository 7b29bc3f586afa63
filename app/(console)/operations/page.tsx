import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RunFilters } from "../../../components/operations/run-filters.tsx";
import { RunTrendsPanel } from "../../../components/operations/run-trends-panel.tsx";
import { RunsTable } from "../../../components/operations/runs-table.tsx";
import { Notice } from "../../../components/ui/form.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { hasRole } from "../../../lib/auth/roles.ts";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { runHistoryQuerySchema, runHistorySearchParams } from "../../../lib/schemas/runs.ts";
import { listRunHistory, runHistoryFilterChoices } from "../../../lib/services/run-history.ts";

export const metadata: Metadata = { title: "Operations" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const queryString = (q: URLSearchParams) => (q.size ? `?${q.toString()}` : "");

export default async function OperationsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("helpdesk");
  const raw = await searchParams;
  const parsed = runHistoryQuerySchema.safeParse({
    ma: first(raw.ma), profile: first(raw.profile), status: first(raw.status), from: first(raw.from), to: first(raw.to), page: first(raw.page),
  });
  const query = parsed.success ? parsed.data : { page: 1, pageSize: 50 };
  // A GET form sends its empty fields too: answer with the short URL of the same filters.
  if (parsed.success && Object.values(raw).some((v) => v === "")) redirect(`/operations${queryString(runHistorySearchParams(query, query.page))}`);
  const [runs, choices] = await Promise.all([listRunHistory(user, query), runHistoryFilterChoices(user)]);
  const filters = runHistorySearchParams(query);
  const hint = filters.size
    ? "No run matches these filters; clear them to see every run."
    : hasRole(user.role, "admin")
      ? <>Start a run profile of a management agent, for example <code className="rounded bg-slate-100 px-1">npx idsync run HR &quot;Full Import&quot;</code>; it appears here while it runs. Import every agent first, then synchronize, then export (demo: HR and Directory Full Import, HR and Directory Full Sync, Directory Export).</>
      : "Runs appear here when administrators or schedules start them.";
  return (
    <>
      <PageHeader title="Operations" description="Run history of every management agent: status, steps, statistics and errors." />
      <RunTrendsPanel />
      <RunFilters query={parsed.success ? query : {}} mas={choices.mas} profiles={choices.profiles} />
      {!parsed.success ? <div className="mb-3"><Notice tone="error">{parsed.error.issues[0]?.message ?? "bad filter"}</Notice></div> : null}
      <RunsTable initialPage={runs} filters={filters.toString()} emptyHint={hint} />
    </>
  );
}
