// Writes of the Joiner (manual join, projection, explicit disconnectors), called inside one
// transaction by lib/services/joiner-actions.ts.
import { getDb, type Db, type Tx } from "./db.ts";

/** What the next delta sync sees: an update of every attribute, so the new link flows them. */
const FLOW_AGAIN = { pendingImport: JSON.stringify({ op: "update" }), pendingImportOp: "update" };

export async function selectJoinerCs(csId: string, db: Db | Tx = getDb()) {
  return db.csObject.findUnique({
    where: { id: csId },
    select: { id: true, maId: true, dn: true, anchor: true, objectType: true, state: true, mvId: true, deleted: true, attrs: true, ma: { select: { name: true } } },
  });
}

export async function selectJoinerMv(mvId: string, db: Db | Tx = getDb()) {
  return db.mvObject.findUnique({ where: { id: mvId }, select: { id: true, objectType: true } });
}

/** The csentries of `maId` already linked to the mventry. */
export async function selectMaConnectorsOf(mvId: string, maId: string, db: Db | Tx = getDb()) {
  return db.csObject.findMany({ where: { mvId, maId }, select: { id: true, dn: true } });
}

export async function activeRunOf(maId: string, db: Db | Tx = getDb()) {
  return db.run.findFirst({ where: { maId, status: { in: ["queued", "in-progress"] } }, select: { id: true, profileName: true } });
}

export async function insertEmptyMv(objectType: string, db: Db | Tx = getDb()): Promise<string> {
  return (await db.mvObject.create({ data: { objectType, attrs: "{}", lineage: "{}" }, select: { id: true } })).id;
}

export async function linkCsManually(csId: string, mvId: string, db: Db | Tx = getDb()): Promise<void> {
  await db.csObject.update({ where: { id: csId }, data: { state: "connector", mvId, linkType: "manual", linkedAt: new Date(), ...FLOW_AGAIN } });
}

/** explicit-disconnector: kept apart from the rules; normal-disconnector: the next delta sync tries the rules again. */
export async function setDisconnectorState(csId: string, state: "explicit-disconnector" | "normal-disconnector", db: Db | Tx = getDb()): Promise<void> {
  await db.csObject.update({
    where: { id: csId },
    data: state === "normal-disconnector" ? { state, ...FLOW_AGAIN } : { state, pendingImport: null, pendingImportOp: null },
  });
}

export async function mvObjectTypeExists(name: string, db: Db | Tx = getDb()): Promise<boolean> {
  return (await db.mvObjectType.count({ where: { name } })) > 0;
}
