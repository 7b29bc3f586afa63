// Self-service: a verified user (holding a reset grant) sets a new password that meets the policy;
// it is set in every connected system that manages passwords and the user sees a result per system
// (names and outcome only: a system's internal message stays in the audit for the help desk).
import { AppError } from "../../errors/app-error.ts";
import type { SelfResetResult } from "../../dto/password.ts";
import { recordAudit } from "../audit.ts";
import { loadPasswordPolicy, type PasswordPolicy } from "../password-policy.ts";
import { assertPasswordPolicy, auditSystems, loadIdentity, rememberPassword, setPasswordEverywhere } from "../password-sync.ts";
import { findGrant, useGrant } from "./secrets.ts";
import { contextOf, type SelfServiceContext } from "./verify.ts";

export const GRANT_EXPIRED = "this reset session has expired or was used: start again";


export async function completeSelfReset(input: { grant: string; password: string }, ctx: SelfServiceContext & { policy?: PasswordPolicy }): Promise<SelfResetResult> {
  const { db, client } = contextOf(ctx);
  const policy = ctx.policy ?? loadPasswordPolicy();
  const grant = await findGrant(db, input.grant, "reset-grant");
  const identity = grant ? await loadIdentity(db, grant.mvId) : null;
  if (!grant || !identity) throw new AppError("VERIFICATION_FAILED", GRANT_EXPIRED);
  try {
    await assertPasswordPolicy(db, policy, identity, input.password);
  } catch (e) {
    const rules = ((e as AppError).details as { violations?: { rule: string }[] } | undefined)?.violations?.map((v) => v.rule);
    await recordAudit(`self-service:${client}`, "selfservice.reset.refused", identity.mvId, { rules }, db);
    throw e;
  }
  if (!(await useGrant(db, grant.id))) throw new AppError("VERIFICATION_FAILED", GRANT_EXPIRED);
  const results = await setPasswordEverywhere(db, identity.mvId, input.password, { mustChange: false });
  if (results.some((r) => r.status === "success")) await rememberPassword(db, policy, identity.mvId, input.password);
  await recordAudit(`self-service:${client}`, "selfservice.reset", identity.mvId, { systems: auditSystems(results), messages: results.filter((r) => r.status === "failure").map((r) => `${r.maName}: ${r.message}`) }, db);
  return {
    results: results.map((r) => ({
      ...r,
      dn: "",
      code: null,
      message: r.status === "failure" ? "the password could not be set here; your help desk can see why" : r.status === "not-applicable" ? "this system does not use a password set by IdSync" : null,
    })),
  };
}
