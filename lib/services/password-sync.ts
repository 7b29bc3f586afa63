// Password sync: set one password in every connected system of an identity that manages passwords,
// with a result per system. Shared by the help-desk reset, the self-service page and the REST API.
// Systems are set in parallel and independently: one failing leaves the others set.
import bcrypt from "bcryptjs";
import { registryConnectorFactory } from "../connectors/registry.ts";
import type { PasswordSystemResult, PasswordTargetView, PolicyViolation } from "../dto/password.ts";
import type { MaDefinition } from "../engine/ports.ts";
import type { CsEntry } from "../engine/types.ts";
import { AppError } from "../errors/app-error.ts";
import type { Db } from "../store/db.ts";
import { pushPasswordHistory, selectPasswordHistory, selectPasswordSettings } from "../store/password-queries.ts";
import { SqlSyncStore } from "../store/sync-store.ts";
import { accountNamesOf, checkHistory, policyViolations, type PasswordPolicy } from "./password-policy.ts";
import { passwordManagementOf } from "./password-settings.ts";

export interface Identity {
  mvId: string;
  objectType: string;
  attrs: Record<string, string[]>;
}

export async function loadIdentity(db: Db, mvId: string): Promise<Identity | null> {
  const [mv] = await SqlSyncStore.create(db).mvByIds([mvId]);
  return mv ? { mvId: mv.id, objectType: mv.objectType, attrs: mv.attrs } : null;
}

/** Throws PASSWORD_POLICY naming every broken rule (details.violations) when `password` breaks the policy. */
export async function assertPasswordPolicy(db: Db, policy: PasswordPolicy, identity: Identity, password: string): Promise<void> {
  const violations: PolicyViolation[] = policyViolations(policy, password, accountNamesOf(identity.attrs));
  if (violations.length === 0) {
    const recent = await checkHistory(policy, password, await selectPasswordHistory(identity.mvId, policy.historyCount, db));
    if (recent) violations.push(recent);
  }
  if (violations.length) {
    throw new AppError("PASSWORD_POLICY", violations.map((v) => v.message).join("; "), {
      details: { violations, fieldErrors: { password: violations.map((v) => v.message) } },
    });
  }
}

export async function rememberPassword(db: Db, policy: PasswordPolicy, mvId: string, password: string): Promise<void> {
  if (policy.historyCount <= 0) return;
  const cost = Number(process.env.IDSYNC_BCRYPT_COST);
  await pushPasswordHistory(mvId, await bcrypt.hash(password, Number.isInteger(cost) && cost >= 4 && cost <= 15 ? cost : 12), policy.historyCount, db);
}

export interface SetEverywhereOptions {
  /** only these MAs (ids), e.g. the ones that failed the last time */
  onlyMaIds?: string[];
  /** "settings": require a change at next logon where the MA's settings say so; false: never (self-service) */
  mustChange: "settings" | false;
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : "password-set-failed";
}

async function setOne(ma: MaDefinition, cs: CsEntry, password: string, mustChange: boolean): Promise<Pick<PasswordSystemResult, "status" | "message" | "code">> {
  let connector;
  try {
    connector = registryConnectorFactory.open(ma);
  } catch (e) {
    return { status: "failure", code: errorCode(e), message: (e as Error).message };
  }
  try {
    if (!connector.setPassword) return { status: "not-applicable", code: null, message: `the ${ma.type} connector cannot set passwords` };
    await connector.setPassword({ dn: cs.dn, anchor: cs.anchor }, password, mustChange ? { mustChange: true } : {});
    return { status: "success", code: null, message: null };
  } catch (e) {
    return { status: "failure", code: errorCode(e), message: e instanceof Error ? e.message : String(e) };
  } finally {
    await connector.close().catch(() => {});
  }
}

interface Target {
  view: PasswordTargetView;
  ma: MaDefinition | null;
  cs: CsEntry;
}

/** The identity's connectors (optionally only in `onlyMaIds`), each with whether a password set applies. */
async function targetsOf(db: Db, mvId: string, onlyMaIds?: string[]): Promise<Target[]> {
  const store = SqlSyncStore.create(db);
  const only = onlyMaIds ? new Set(onlyMaIds) : null;
  const csentries = (await store.csByMvIds([mvId])).filter((c) => c.state === "connector" && !c.deleted && (!only || only.has(c.maId)));
  const mas = new Map<string, MaDefinition>();
  for (const id of new Set(csentries.map((c) => c.maId))) {
    const ma = await store.getMa(id);
    if (ma) mas.set(id, ma);
  }
  const settings = await selectPasswordSettings([...mas.keys()], db);
  return csentries
    .map((cs): Target => {
      const ma = mas.get(cs.maId) ?? null;
      const base = { maId: cs.maId, maName: ma?.name ?? cs.maId, csId: cs.id, dn: cs.dn };
      if (!ma) return { ma, cs, view: { ...base, applies: false, reason: "the management agent no longer exists", mustChange: false } };
      const pm = passwordManagementOf(ma, settings.get(ma.id));
      if (!pm.managesPasswords) return { ma, cs, view: { ...base, applies: false, reason: pm.reason, mustChange: false } };
      if (cs.anchor === null) return { ma, cs, view: { ...base, applies: false, reason: "the account has not been exported to the system yet", mustChange: false } };
      return { ma, cs, view: { ...base, applies: true, reason: null, mustChange: pm.mustChangeAtNextLogon } };
    })
    .sort((a, b) => a.view.maName.localeCompare(b.view.maName) || a.view.dn.localeCompare(b.view.dn));
}

export async function passwordTargets(db: Db, mvId: string): Promise<PasswordTargetView[]> {
  return (await targetsOf(db, mvId)).map((t) => t.view);
}

/** Sets `password` in each connected system of the identity; never throws for one system's failure. */
export async function setPasswordEverywhere(db: Db, mvId: string, password: string, options: SetEverywhereOptions): Promise<PasswordSystemResult[]> {
  const targets = await targetsOf(db, mvId, options.onlyMaIds);
  return Promise.all(
    targets.map(async ({ view, ma, cs }): Promise<PasswordSystemResult> => {
      const base = { maId: view.maId, maName: view.maName, csId: view.csId, dn: view.dn };
      if (!view.applies || !ma) return { ...base, status: "not-applicable", message: view.reason, code: null, mustChange: false };
      const mustChange = options.mustChange === "settings" && view.mustChange;
      return { ...base, ...(await setOne(ma, cs, password, mustChange)), mustChange };
    }),
  );
}

/** What the audit keeps of a result: the system and the outcome, never the password. */
export function auditSystems(results: PasswordSystemResult[]): { ma: string; dn: string; status: string; code: string | null }[] {
  return results.map((r) => ({ ma: r.maName, dn: r.dn, status: r.status, code: r.code }));
}
