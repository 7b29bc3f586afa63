// Management agents as listed in the console (admin), one MA's page, and its staging-mode switch.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { MaDetail, MaSummary } from "../dto/management-agent.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectMaDetail, selectMaRef, updateStagingMode } from "../store/ma-detail-queries.ts";
import { selectManagementAgents } from "../store/ma-queries.ts";
import { recordAudit } from "./audit.ts";

export async function listManagementAgents(actor: SessionUser): Promise<MaSummary[]> {
  assertRole(actor, "admin");
  return selectManagementAgents();
}

export async function getManagementAgent(actor: SessionUser, maId: string, db: Db = getDb()): Promise<MaDetail> {
  assertRole(actor, "admin");
  const ma = await selectMaDetail(maId, db);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  return ma;
}

/** Staging mode holds this MA's exports for review (the export step writes nothing while it is on). */
export async function setStagingMode(actor: SessionUser, maId: string, enabled: boolean, db: Db = getDb()): Promise<{ maId: string; stagingMode: boolean }> {
  assertRole(actor, "admin");
  const ma = await selectMaRef(maId, db);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  if (ma.stagingMode !== enabled) {
    await db.$transaction(async (tx) => {
      await updateStagingMode(ma.id, enabled, tx);
      await recordAudit(actor.username, "ma.staging-mode", ma.name, { enabled }, tx);
    });
  }
  return { maId: ma.id, stagingMode: enabled };
}
