// Joiner actions (admin): join a normal disconnector to a chosen mventry, project it as a new mventry
// of a chosen type, or make it an explicit disconnector (and back). Each action is one transaction
// with its audit event. The csentry is staged as an update, so the next delta sync of its MA flows
// its attributes into the mventry (a projected mventry starts empty and is filled by that sync).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { JoinerResult } from "../dto/metaverse.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db, type Tx } from "../store/db.ts";
import {
  activeRunOf,
  insertEmptyMv,
  linkCsManually,
  mvObjectTypeExists,
  selectJoinerCs,
  selectJoinerMv,
  selectMaConnectorsOf,
  setDisconnectorState,
} from "../store/joiner-action-queries.ts";
import { recordAudit } from "./audit.ts";

type Cs = NonNullable<Awaited<ReturnType<typeof selectJoinerCs>>>;

async function csFor(tx: Tx, csId: string, allowed: string[], action: string): Promise<Cs> {
  const cs = await selectJoinerCs(csId, tx);
  if (!cs) throw new AppError("NOT_FOUND", `no csentry with id ${csId}`);
  if (cs.deleted) throw new AppError("CONFLICT", `csentry ${cs.dn} of ${cs.ma.name} was deleted in its system; it cannot be ${action}`);
  if (!allowed.includes(cs.state)) {
    throw new AppError("CONFLICT", `csentry ${cs.dn} of ${cs.ma.name} is a ${cs.state}; only a ${allowed.join(" or ")} can be ${action}`);
  }
  // A run of this MA writes the same csentries: changing them under it would lose one of the writes.
  const run = await activeRunOf(cs.maId, tx);
  if (run) throw new AppError("RUN_IN_PROGRESS", `${cs.ma.name} has a run in progress (${run.profileName}); wait for it to finish`);
  return cs;
}

export async function joinDisconnector(actor: SessionUser, input: { csId: string; mvId: string }, db: Db = getDb()): Promise<JoinerResult> {
  assertRole(actor, "admin");
  return db.$transaction(async (tx) => {
    const cs = await csFor(tx, input.csId, ["normal-disconnector"], "joined");
    const mv = await selectJoinerMv(input.mvId, tx);
    if (!mv) throw new AppError("NOT_FOUND", `no mventry with id ${input.mvId}`);
    const taken = await selectMaConnectorsOf(mv.id, cs.maId, tx);
    if (taken.length > 0) {
      throw new AppError(
        "CONFLICT",
        `mventry ${mv.id} already has a connector from ${cs.ma.name} (${taken[0]!.dn}); an mventry holds at most one connector per management agent`,
      );
    }
    await linkCsManually(cs.id, mv.id, tx);
    await recordAudit(actor.username, "joiner.join", `${cs.ma.name}:${cs.dn}`, { csId: cs.id, mvId: mv.id, mvObjectType: mv.objectType }, tx);
    return { csId: cs.id, maId: cs.maId, state: "connector", mvId: mv.id };
  });
}

export async function projectDisconnector(actor: SessionUser, input: { csId: string; mvObjectType: string }, db: Db = getDb()): Promise<JoinerResult> {
  assertRole(actor, "admin");
  return db.$transaction(async (tx) => {
    const cs = await csFor(tx, input.csId, ["normal-disconnector"], "projected");
    if (!(await mvObjectTypeExists(input.mvObjectType, tx))) {
      throw new AppError("NOT_FOUND", `the metaverse has no object type "${input.mvObjectType}"`, { details: { fieldErrors: { mvObjectType: ["does not exist"] } } });
    }
    const mvId = await insertEmptyMv(input.mvObjectType, tx);
    await linkCsManually(cs.id, mvId, tx);
    await recordAudit(actor.username, "joiner.project", `${cs.ma.name}:${cs.dn}`, { csId: cs.id, mvId, mvObjectType: input.mvObjectType }, tx);
    return { csId: cs.id, maId: cs.maId, state: "connector", mvId };
  });
}

/** normal -> explicit keeps the csentry away from join and projection; explicit -> normal gives it back to the rules. */
export async function changeDisconnectorState(
  actor: SessionUser,
  input: { csId: string; state: "explicit-disconnector" | "normal-disconnector" },
  db: Db = getDb(),
): Promise<JoinerResult> {
  assertRole(actor, "admin");
  const from = input.state === "explicit-disconnector" ? "normal-disconnector" : "explicit-disconnector";
  return db.$transaction(async (tx) => {
    const cs = await csFor(tx, input.csId, [from], `made a ${input.state}`);
    await setDisconnectorState(cs.id, input.state, tx);
    await recordAudit(actor.username, input.state === "explicit-disconnector" ? "joiner.make-explicit" : "joiner.make-normal", `${cs.ma.name}:${cs.dn}`, { csId: cs.id }, tx);
    return { csId: cs.id, maId: cs.maId, state: input.state, mvId: null };
  });
}
