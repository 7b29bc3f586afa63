// The landing page: the Dashboard. Helpdesk reads it too (counts and run history only); links to admin
// pages are shown to admins.
import type { Metadata } from "next";
import Link from "next/link";
import { MaOverview } from "../../components/dashboard/ma-overview.tsx";
import { MetaverseChart } from "../../components/dashboard/metaverse-chart.tsx";
import { AutoRefresh } from "../../components/operations/auto-refresh.tsx";
import { EmptyState } from "../../components/ui/empty-state.tsx";
import { PageHeader } from "../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../components/ui/table.tsx";
import { requirePageRole } from "../../lib/auth/page-guard.ts";
import { hasRole } from "../../lib/auth/roles.ts";
import { isLiveRunStatus } from "../../lib/dto/run.ts";
import { getDashboard } from "../../lib/services/dashboard.ts";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const link = "text-sky-700 hover:underline";

export default async function DashboardPage() {
  const user = await requirePageRole("helpdesk");
  const admin = hasRole(user.role, "admin");
  const d = await getDashboard(user);
  // re-rendered every 2 s while a run goes, so its badge and the counts follow it; idle otherwise
  const live = d.managementAgents.some((m) => m.lastRun !== null && isLiveRunStatus(m.lastRun.status));
  const header = (
    <PageHeader
      title="Dashboard"
      description={<>Connector spaces, runs and the metaverse at a glance. Trends per run: <Link href="/operations" className={link}>Operations</Link>.</>}
      actions={<AutoRefresh active={live} />}
    />
  );

  if (d.managementAgents.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="No management agents yet">
          {admin ? (
            <>Connect a first system: <Link href="/management-agents/new" className={link}>create a management agent in the MA Designer</Link>, or apply a configuration with <code className="rounded bg-slate-100 px-1">npx idsync config apply</code>.</>
          ) : (
            "An administrator connects the first system; its figures appear here then."
          )}
        </EmptyState>
      </>
    );
  }

  const neverRun = d.managementAgents.every((m) => m.lastRun === null);
  return (
    <>
      {header}
      <section aria-labelledby="dash-mas" className="mb-6">
        <h2 id="dash-mas" className="mb-2 text-sm font-semibold text-slate-700">Management agents</h2>
        {neverRun ? (
          <p className="mb-2 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {admin ? <>No run yet: <Link href="/management-agents" className={link}>run a Full Import</Link> of each management agent, then a Full Sync, then an Export.</> : "No run yet: administrators or schedules start them."}
          </p>
        ) : null}
        <MaOverview mas={d.managementAgents} trendRuns={d.trendRuns} canManage={admin} />
      </section>
      <section aria-labelledby="dash-mv">
        <h2 id="dash-mv" className="mb-2 text-sm font-semibold text-slate-700">
          Metaverse <span className="font-normal text-slate-500">(<span data-testid="metaverse-total">{d.metaverseTotal.toLocaleString("en-US")}</span> mventries)</span>
        </h2>
        {d.metaverse.length === 0 ? (
          <EmptyState title="The metaverse model has no object type yet">
            {admin ? <>Add object types such as person and group in the <Link href="/metaverse-designer" className={link}>Metaverse Designer</Link>.</> : "An administrator defines it."}
          </EmptyState>
        ) : (
          <div className="flex flex-wrap items-start gap-4 rounded border border-slate-200 bg-white p-3">
            <div className="w-64">
              <Table label="Metaverse objects per type">
                <thead><tr><Th>Object type</Th><Th className="text-right">Mventries</Th></tr></thead>
                <tbody>
                  {d.metaverse.map((t) => (
                    <tr key={t.objectType}>
                      <Td>{t.objectType}</Td>
                      <Td className="text-right tabular-nums"><span data-testid={`mv-count-${t.objectType}`}>{t.count.toLocaleString("en-US")}</span></Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {d.metaverseTotal === 0 ? <p className="mt-2 text-xs text-slate-500">Empty until a synchronization projects connector-space objects into it.</p> : null}
            </div>
            <MetaverseChart types={d.metaverse} />
          </div>
        )}
      </section>
    </>
  );
}
