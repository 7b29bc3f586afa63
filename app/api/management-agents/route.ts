// GET /api/management-agents : management agents with connector-space counts (admin).
import { guardedRoute } from "../../../lib/auth/guarded.ts";
import { listManagementAgents } from "../../../lib/services/management-agents.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("admin", async (_req, user) => ({ managementAgents: await listManagementAgents(user) }));
