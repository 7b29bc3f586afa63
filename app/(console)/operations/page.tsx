import type { Metadata } from "next";
import { RunTrendsPanel } from "../../../components/operations/run-trends-panel.tsx";
import { RunsTable } from "../../../components/operations/runs-table.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { hasRole } from "../../../lib/auth/roles.ts";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { listRunHistory } from "../../../lib/services/run-history.ts";

export const metadata: Metadata = { title: "Operations" };
export const dynamic = "force-dynamic";

const LIMIT = 50;

export default async function OperationsPage() {
  const user = await requirePageRole("helpdesk");
  const runs = await listRunHistory(user, { limit: LIMIT });
  const hint = hasRole(user.role, "admin")
    ? <>Start a run profile of a management agent, for example <code className="rounded bg-slate-100 px-1">npx idsync run HR &quot;Full Import&quot;</code>; it appears here while it runs. Import every agent first, then synchronize, then export (demo: HR and Directory Full Import, HR and Directory Full Sync, Directory Export).</>
    : "Runs appear here when administrators or schedules start them.";
  return (
    <>
      <PageHeader title="Operations" description="Run history of every management agent: status, steps, statistics and errors." />
      <RunTrendsPanel />
      <RunsTable initialRuns={runs} limit={LIMIT} emptyHint={hint} />
    </>
  );
}
