// Writes of configuration: the Metaverse Designer model, MAs (secrets encrypted) and run profiles.
// Used by config apply (YAML), the seed and tests; each call runs in the caller's transaction.
import type { MaSafety } from "../engine/ports.ts";
import type { MaRules } from "../engine/rules.ts";
import type { MvObjectTypeDef } from "../engine/types.ts";
import type { Db, Tx } from "./db.ts";
import { encryptConfigSecrets, SECRET_FIELDS } from "./secrets.ts";

export interface MaConfigInput {
  name: string;
  type: string;
  description?: string;
  config: Record<string, unknown>;
  rules: MaRules;
  safety?: MaSafety;
  stagingMode?: boolean;
  runProfiles?: { name: string; steps: { type: string }[]; schedule?: string | null }[];
}

export async function upsertObjectType(db: Db | Tx, t: MvObjectTypeDef): Promise<void> {
  await db.mvObjectType.upsert({ where: { name: t.name }, create: { name: t.name, description: t.description ?? "" }, update: { description: t.description ?? "" } });
  for (const a of t.attributes) {
    const data = { type: a.type, multiValued: a.multiValued, indexed: a.indexed, precedence: a.precedence };
    await db.mvAttribute.upsert({
      where: { objectType_name: { objectType: t.name, name: a.name } },
      create: { objectType: t.name, name: a.name, ...data },
      update: data,
    });
  }
}

/** Creates or replaces an MA by name (its connector space is kept); returns its id. */
export async function upsertMa(db: Db | Tx, m: MaConfigInput): Promise<string> {
  // Config as code carries no secrets: a secret absent from the input keeps its stored value.
  const before = await db.managementAgent.findUnique({ where: { name: m.name }, select: { config: true } });
  const kept: Record<string, unknown> = {};
  if (before) {
    for (const [k, v] of Object.entries(JSON.parse(before.config) as Record<string, unknown>)) {
      if (SECRET_FIELDS.has(k) && m.config[k] === undefined) kept[k] = v;
    }
  }
  const data = {
    type: m.type,
    description: m.description ?? "",
    config: JSON.stringify({ ...kept, ...encryptConfigSecrets(m.config) }),
    rules: JSON.stringify({ ...m.rules, ...(m.safety ? { safety: m.safety } : {}) }),
    stagingMode: m.stagingMode ?? false,
  };
  const ma = await db.managementAgent.upsert({ where: { name: m.name }, create: { name: m.name, ...data }, update: data });
  for (const p of m.runProfiles ?? []) {
    await db.runProfile.upsert({
      where: { maId_name: { maId: ma.id, name: p.name } },
      create: { maId: ma.id, name: p.name, steps: JSON.stringify(p.steps), schedule: p.schedule ?? null },
      update: { steps: JSON.stringify(p.steps), schedule: p.schedule ?? null },
    });
  }
  return ma.id;
}
