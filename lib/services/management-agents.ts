// Management agents as listed in the console (admin).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { MaSummary } from "../dto/management-agent.ts";
import { selectManagementAgents } from "../store/ma-queries.ts";

export async function listManagementAgents(actor: SessionUser): Promise<MaSummary[]> {
  assertRole(actor, "admin");
  return selectManagementAgents();
}
