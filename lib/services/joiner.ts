// The Joiner (admin): disconnectors per MA to join or project by hand (listing only for now).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { DisconnectorGroup } from "../dto/metaverse.ts";
import { selectDisconnectors } from "../store/joiner-queries.ts";

export const DISCONNECTORS_PER_MA = 200;

export async function listDisconnectors(
  actor: SessionUser,
  state: "normal-disconnector" | "explicit-disconnector" | "filtered-disconnector" = "normal-disconnector",
): Promise<DisconnectorGroup[]> {
  assertRole(actor, "admin");
  return selectDisconnectors({ state, limitPerMa: DISCONNECTORS_PER_MA });
}
