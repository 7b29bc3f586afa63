// The identity a self-service user names: one mventry of the people type whose account name, uid or
// mail equals what was typed (ignoring case). None or several: unknown, answered like any failure.
import type { Db } from "../../store/db.ts";
import { searchMvEntries } from "../../store/metaverse-queries.ts";
import { loadIdentity, type Identity } from "../password-sync.ts";
import type { SelfServiceConfig } from "./config.ts";

export async function resolveAccount(db: Db, config: SelfServiceConfig, account: string): Promise<Identity | null> {
  const value = account.trim();
  if (!value) return null;
  const ids = new Set<string>();
  for (const attr of config.accountAttributes) {
    const { hits } = await searchMvEntries({ objectType: config.objectType, attr, value, match: "equals", limit: 2 }, db);
    for (const h of hits) ids.add(h.id);
  }
  if (ids.size !== 1) return null;
  return loadIdentity(db, [...ids][0]!);
}

/** How the audit names the account: the mventry when known, the typed name otherwise. */
export function auditTarget(identity: Identity | null, account: string): string {
  return identity ? identity.mvId : `unknown:${account.trim().toLowerCase().slice(0, 100)}`;
}
