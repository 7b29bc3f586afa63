// Reads and writes of deleting a management agent: what the deletion takes away (its counts), the
// step row of the connector-space removal, and the last delete of the MA's own rows.
import type { MaDeletionImpact } from "../dto/management-agent.ts";
import type { Db } from "./db.ts";

const count = (rows: { n: bigint | number | string }[]) => Number(rows[0]?.n ?? 0);

/** What goes away with the MA; counts only, so it stays cheap on a large connector space. */
export async function selectMaDeletionImpact(maId: string, db: Db): Promise<Omit<MaDeletionImpact, "maId" | "maName">> {
  const [activeRun, csObjects, pendingExports, runProfiles, runs, losing, orphaned] = await Promise.all([
    db.run.findFirst({ where: { maId, status: { in: ["queued", "in-progress"] } }, select: { id: true, profileName: true } }),
    db.csObject.count({ where: { maId } }),
    db.pendingExport.count({ where: { maId } }),
    db.runProfile.findMany({ where: { maId }, select: { name: true }, orderBy: { name: "asc" } }),
    db.run.count({ where: { maId } }),
    db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(DISTINCT "mvId") AS n FROM "CsObject" WHERE "maId" = ${maId} AND "mvId" IS NOT NULL`,
    // mventries no other MA is connected to: left without a connector, they are deleted
    db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(DISTINCT c."mvId") AS n FROM "CsObject" c WHERE c."maId" = ${maId} AND c."mvId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "CsObject" o WHERE o."mvId" = c."mvId" AND o."maId" <> ${maId})`,
  ]);
  return { csObjects, pendingExports, runProfiles: runProfiles.map((p) => p.name), runs, mventriesLosingConnector: count(losing), mventriesDeleted: count(orphaned), activeRun };
}

/** The step of the removal run (not a run profile step type: it only ever exists while the MA is deleted). */
export async function createRemovalStep(db: Db, runId: string): Promise<string> {
  const step = await db.runStep.create({ data: { runId, seq: 0, type: "remove-connector-space", status: "in-progress" } });
  return step.id;
}

/** The first errors of the removal (they go with the MA; the audit event keeps them). */
export async function selectRemovalErrors(db: Db, stepId: string, take: number): Promise<{ code: string; message: string; dn: string | null }[]> {
  return db.runError.findMany({ where: { stepId }, orderBy: { id: "asc" }, take, select: { code: true, message: true, dn: true } });
}

/** The MA row and what hangs on it (run profiles, the removal run; the connector space and run history are gone by now). */
export async function deleteMaRecords(db: Db, maId: string): Promise<void> {
  await db.$transaction([db.maPasswordSettings.deleteMany({ where: { maId } }), db.managementAgent.delete({ where: { id: maId } })]);
}
