// Read model of one management agent's page, and the staging-mode switch.
import type { MaDetail } from "../dto/management-agent.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonArray } from "./json-field.ts";

const ACTIVE = ["queued", "in-progress"];

export async function selectMaDetail(maId: string, db: Db | Tx = getDb()): Promise<MaDetail | null> {
  const ma = await db.managementAgent.findUnique({
    where: { id: maId },
    select: {
      id: true, name: true, type: true, description: true, stagingMode: true,
      runProfiles: { select: { name: true, steps: true, schedule: true }, orderBy: { name: "asc" } },
      runs: { orderBy: [{ queuedAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, profileName: true, status: true, endedAt: true, message: true } },
    },
  });
  if (!ma) return null;
  const [byState, pendingImports, pendingExports, active] = await Promise.all([
    db.csObject.groupBy({ by: ["state"], where: { maId }, _count: { _all: true } }),
    db.csObject.count({ where: { maId, pendingImportOp: { not: null } } }),
    db.pendingExport.count({ where: { maId, status: { not: "exported" } } }),
    db.run.findFirst({ where: { maId, status: { in: ACTIVE } }, select: { id: true, profileName: true, status: true, stopRequestedBy: true } }),
  ]);
  const n = (state: string) => byState.find((g) => g.state === state)?._count._all ?? 0;
  const last = ma.runs[0];
  return {
    id: ma.id, name: ma.name, type: ma.type, description: ma.description, stagingMode: ma.stagingMode,
    counts: {
      total: byState.reduce((sum, g) => sum + g._count._all, 0),
      connectors: n("connector"),
      normalDisconnectors: n("normal-disconnector"),
      explicitDisconnectors: n("explicit-disconnector"),
      filteredDisconnectors: n("filtered-disconnector"),
      pendingImports,
      pendingExports,
    },
    runProfiles: ma.runProfiles.map((p) => p.name),
    profiles: ma.runProfiles.map((p) => ({
      name: p.name,
      steps: parseJsonArray<{ type?: unknown }>(p.steps).map((s) => (typeof s?.type === "string" ? s.type : "?")),
      schedule: p.schedule,
    })),
    lastRun: last ? { id: last.id, profileName: last.profileName, status: last.status, endedAt: iso(last.endedAt) } : null,
    stoppedAtDeletionThreshold: last?.status === "stopped-deletion-threshold" ? { runId: last.id, profileName: last.profileName, message: last.message } : null,
    activeRun: active,
  };
}

export async function selectMaRef(maId: string, db: Db | Tx = getDb()): Promise<{ id: string; name: string; stagingMode: boolean } | null> {
  return db.managementAgent.findUnique({ where: { id: maId }, select: { id: true, name: true, stagingMode: true } });
}

/** The last run of an MA (any status). */
export async function selectLastRun(maId: string, db: Db | Tx = getDb()) {
  return db.run.findFirst({ where: { maId }, orderBy: [{ queuedAt: "desc" }, { id: "desc" }], select: { id: true, profileName: true, status: true } });
}

export async function updateStagingMode(maId: string, enabled: boolean, db: Db | Tx = getDb()): Promise<void> {
  await db.managementAgent.update({ where: { id: maId }, data: { stagingMode: enabled } });
}

/** Names of the given MAs (ids that no longer exist are left out). */
export async function selectMaNames(ids: string[], db: Db | Tx = getDb()): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.managementAgent.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
