// Reads and the small writes of the MA Designer that upsertMa (config-records.ts) does not cover:
// the MA as stored (for the edit wizard), renames, and run profiles removed in the wizard.
import { getDb, type Db, type Tx } from "./db.ts";
import { parseJsonArray, parseJsonObject } from "./json-field.ts";

export interface StoredMaForDesigner {
  id: string;
  name: string;
  type: string;
  description: string;
  /** connector config with secrets still encrypted. */
  config: Record<string, unknown>;
  /** rules as stored (safety settings included). */
  rules: Record<string, unknown>;
  stagingMode: boolean;
  runProfiles: { name: string; steps: { type: string }[]; schedule: string | null }[];
}

export async function selectMaForDesigner(maId: string, db: Db | Tx = getDb()): Promise<StoredMaForDesigner | null> {
  const ma = await db.managementAgent.findUnique({
    where: { id: maId },
    select: {
      id: true, name: true, type: true, description: true, config: true, rules: true, stagingMode: true,
      runProfiles: { select: { name: true, steps: true, schedule: true }, orderBy: { name: "asc" } },
    },
  });
  if (!ma) return null;
  return {
    id: ma.id,
    name: ma.name,
    type: ma.type,
    description: ma.description,
    config: parseJsonObject(ma.config, {}),
    rules: parseJsonObject(ma.rules, {}),
    stagingMode: ma.stagingMode,
    runProfiles: ma.runProfiles.map((p) => ({
      name: p.name,
      steps: parseJsonArray<{ type?: unknown }>(p.steps).map((s) => ({ type: typeof s?.type === "string" ? s.type : "?" })),
      schedule: p.schedule,
    })),
  };
}

/** The id of the MA called `name`, or null. */
export async function selectMaIdByName(name: string, db: Db | Tx = getDb()): Promise<string | null> {
  const ma = await db.managementAgent.findUnique({ where: { name }, select: { id: true } });
  return ma?.id ?? null;
}

export async function renameMa(maId: string, name: string, db: Db | Tx = getDb()): Promise<void> {
  await db.managementAgent.update({ where: { id: maId }, data: { name } });
}

/** Deletes the MA's run profiles whose names are not in `keep` (run history keeps the profile name). */
export async function deleteRunProfilesExcept(maId: string, keep: string[], db: Db | Tx = getDb()): Promise<number> {
  const r = await db.runProfile.deleteMany({ where: { maId, name: { notIn: keep } } });
  return r.count;
}
