// Read model of management agents with connector-space counts for the Management Agents page.
import type { MaSummary } from "../dto/management-agent.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso } from "./json-field.ts";

export async function selectManagementAgents(db: Db | Tx = getDb()): Promise<MaSummary[]> {
  const [mas, byState, pendingImports, pendingExports] = await Promise.all([
    db.managementAgent.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true, name: true, type: true, description: true, stagingMode: true,
        runProfiles: { select: { name: true }, orderBy: { name: "asc" } },
        runs: { orderBy: { queuedAt: "desc" }, take: 1, select: { id: true, profileName: true, status: true, endedAt: true } },
      },
    }),
    db.csObject.groupBy({ by: ["maId", "state"], _count: { _all: true } }),
    db.csObject.groupBy({ by: ["maId"], where: { pendingImportOp: { not: null } }, _count: { _all: true } }),
    db.pendingExport.groupBy({ by: ["maId"], where: { status: { not: "exported" } }, _count: { _all: true } }),
  ]);
  return mas.map((ma) => {
    const states = byState.filter((g) => g.maId === ma.id);
    const n = (state: string) => states.find((g) => g.state === state)?._count._all ?? 0;
    const last = ma.runs[0];
    return {
      id: ma.id, name: ma.name, type: ma.type, description: ma.description, stagingMode: ma.stagingMode,
      counts: {
        total: states.reduce((sum, g) => sum + g._count._all, 0),
        connectors: n("connector"),
        normalDisconnectors: n("normal-disconnector"),
        explicitDisconnectors: n("explicit-disconnector"),
        filteredDisconnectors: n("filtered-disconnector"),
        pendingImports: pendingImports.find((g) => g.maId === ma.id)?._count._all ?? 0,
        pendingExports: pendingExports.find((g) => g.maId === ma.id)?._count._all ?? 0,
      },
      runProfiles: ma.runProfiles.map((p) => p.name),
      lastRun: last ? { id: last.id, profileName: last.profileName, status: last.status, endedAt: iso(last.endedAt) } : null,
    };
  });
}
