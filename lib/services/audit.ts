// The audit log: who did what to which object. Never write secrets into details.
import type { Db, Tx } from "../store/db.ts";
import { insertAuditEvent } from "../store/user-queries.ts";

export async function recordAudit(
  actor: string,
  action: string,
  target: string,
  details?: Record<string, unknown>,
  db?: Db | Tx,
): Promise<void> {
  await insertAuditEvent({ actor, action, target, details }, db);
}
