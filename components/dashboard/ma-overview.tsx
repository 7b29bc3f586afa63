// The Dashboard's table of management agents: connector-space size, pending imports and exports, the
// last run (badge linking to it) and the error trend. `canManage` links MA names to their admin page.
import Link from "next/link";
import type { DashboardMa } from "../../lib/dto/dashboard.ts";
import { formatDateTime } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { Table, Td, Th } from "../ui/table.tsx";
import { ErrorTrendChart } from "./error-trend-chart.tsx";

const count = (n: number) => n.toLocaleString("en-US");

export function MaOverview({ mas, trendRuns, canManage }: { mas: DashboardMa[]; trendRuns: number; canManage: boolean }) {
  return (
    <Table label="Management agents overview">
      <thead>
        <tr>
          <Th>Management agent</Th>
          <Th>Type</Th>
          <Th className="text-right">Connector space</Th>
          <Th className="text-right">Connectors</Th>
          <Th className="text-right">Pending imports</Th>
          <Th className="text-right">Pending exports</Th>
          <Th>Last run</Th>
          <Th>Errors per run (last {trendRuns})</Th>
        </tr>
      </thead>
      <tbody>
        {mas.map((ma) => (
          <tr key={ma.id} aria-label={ma.name}>
            <Td className="font-medium">
              {canManage ? <Link href={`/management-agents/${ma.id}`} className="text-sky-800 hover:underline">{ma.name}</Link> : ma.name}
            </Td>
            <Td>{ma.type}</Td>
            <Td className="text-right tabular-nums"><span data-testid={`cs-size-${ma.name}`}>{count(ma.csObjects)}</span></Td>
            <Td className="text-right tabular-nums">{count(ma.connectors)}</Td>
            <Td className="text-right tabular-nums"><span data-testid={`pending-imports-${ma.name}`}>{count(ma.pendingImports)}</span></Td>
            <Td className="text-right tabular-nums"><span data-testid={`pending-exports-${ma.name}`}>{count(ma.pendingExports)}</span></Td>
            <Td className="whitespace-nowrap">
              {ma.lastRun ? (
                <Link href={`/operations/${ma.lastRun.id}`} className="group inline-flex items-center gap-1.5" data-testid={`last-run-${ma.name}`}>
                  <StatusBadge status={ma.lastRun.status} />
                  <span className="text-xs text-sky-800 group-hover:underline">{ma.lastRun.profileName}</span>
                  <span className="font-mono text-xs text-slate-500">{formatDateTime(ma.lastRun.endedAt)}</span>
                </Link>
              ) : (
                <span className="text-xs text-slate-400">never run</span>
              )}
            </Td>
            <Td><ErrorTrendChart ma={ma} /></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
