// The Joiner (admin): disconnectors per MA to join or project by hand (actions in joiner-actions.ts).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { CsEntryDetail } from "../dto/connector-space.ts";
import type { DisconnectorGroup } from "../dto/metaverse.ts";
import { AppError } from "../errors/app-error.ts";
import { selectCsEntryById } from "../store/cs-queries.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectDisconnectors } from "../store/joiner-queries.ts";

export const DISCONNECTORS_PER_MA = 200;

export async function listDisconnectors(
  actor: SessionUser,
  state: "normal-disconnector" | "explicit-disconnector" | "filtered-disconnector" = "normal-disconnector",
  db: Db = getDb(),
): Promise<DisconnectorGroup[]> {
  assertRole(actor, "admin");
  return selectDisconnectors({ state, limitPerMa: DISCONNECTORS_PER_MA }, db);
}

/** One csentry as the Joiner shows it (any state: the page says what can be done with it). */
export async function getJoinerEntry(actor: SessionUser, csId: string, db: Db = getDb()): Promise<CsEntryDetail> {
  assertRole(actor, "admin");
  const cs = await selectCsEntryById(csId, db);
  if (!cs) throw new AppError("NOT_FOUND", `no csentry with id ${csId}`);
  return cs;
}
