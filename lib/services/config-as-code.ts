// Configuration as code: the metaverse model, MAs (without secrets), their rules and run profiles,
// and schedules as one YAML document. `apply` validates everything first and changes nothing on error.
import YAML from "yaml";
import { z } from "zod";
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { AppError } from "../errors/app-error.ts";
import { validateRules } from "../engine/rules-schema.ts";
import type { MaRules } from "../engine/rules.ts";
import { connectorTypes } from "../connectors/registry.ts";
import { getDb, type Db } from "../store/db.ts";
import { upsertMa, upsertObjectType } from "../store/config-records.ts";
import { selectMaProfiles, selectSchedules, writeSchedule } from "../store/schedule-records.ts";
import { SqlSyncStore } from "../store/sync-store.ts";
import { redactConfigSecrets, SECRET_FIELDS } from "../store/secrets.ts";
import { recordAudit } from "./audit.ts";
import { STEP_TYPES } from "./run-service.ts";
import { scheduleProblem } from "./cron.ts";
import { reloadSchedulers } from "./scheduler.ts";
import { stepProblems } from "./schedules.ts";

const attributeSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "attribute names start with a letter"),
  type: z.enum(["string", "integer", "boolean", "datetime", "reference", "binary"]).default("string"),
  multiValued: z.boolean().default(false),
  indexed: z.boolean().default(true),
  precedence: z.enum(["ranked", "equal", "manual"]).default("ranked"),
});

const configSchema = z.object({
  metaverse: z
    .object({
      objectTypes: z.array(z.object({ name: z.string().min(1), description: z.string().optional(), attributes: z.array(attributeSchema) })),
    })
    .default({ objectTypes: [] }),
  managementAgents: z
    .array(
      z.object({
        name: z.string().min(1),
        type: z.string().min(1),
        description: z.string().optional(),
        config: z.record(z.string(), z.unknown()).default({}),
        rules: z.unknown().default({}),
        safety: z
          .object({
            deletionThresholdCount: z.number().int().nonnegative().optional(),
            deletionThresholdPercent: z.number().min(0).max(100).optional(),
            errorLimit: z.number().int().positive().optional(),
            maxDeletePercentOnImport: z.number().min(0).max(100).optional(),
          })
          .optional(),
        stagingMode: z.boolean().default(false),
        runProfiles: z
          .array(
            z.object({
              name: z.string().min(1),
              steps: z.array(z.object({ type: z.enum(STEP_TYPES as [string, ...string[]]) })).min(1),
              schedule: z.string().min(1).optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  // Sequences of run profiles across MAs on a cron expression; by name, replaced whole (steps too).
  schedules: z
    .array(
      z.object({
        name: z.string().min(1),
        cron: z.string().min(1),
        enabled: z.boolean().default(true),
        steps: z.array(z.object({ ma: z.string().min(1), profile: z.string().min(1) })).min(1),
      }),
    )
    .default([]),
});

export type IdSyncConfig = z.infer<typeof configSchema>;

export interface ConfigProblem {
  path: string;
  message: string;
}

/** Parses and validates a YAML document; returns every problem found (nothing is written). */
export function checkConfig(yamlText: string): { ok: true; config: IdSyncConfig } | { ok: false; problems: ConfigProblem[] } {
  let raw: unknown;
  try {
    raw = YAML.parse(yamlText);
  } catch (e) {
    const err = e as { linePos?: { line: number; col: number }[]; message: string };
    const at = err.linePos?.[0] ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : "YAML";
    return { ok: false, problems: [{ path: at, message: err.message.split("\n")[0] }] };
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  }
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  const names = new Set<string>();
  config.managementAgents.forEach((ma, i) => {
    const where = `managementAgents[${i}] (${ma.name})`;
    if (names.has(ma.name)) problems.push({ path: where, message: `duplicate MA name "${ma.name}"` });
    names.add(ma.name);
    const type = (connectorTypes as Record<string, { configSchema: { parse(x: unknown): unknown } }>)[ma.type];
    if (!type) problems.push({ path: `${where}.type`, message: `unknown connector type "${ma.type}" (known: ${Object.keys(connectorTypes).join(", ")})` });
    else {
      try {
        type.configSchema.parse(ma.config);
      } catch (e) {
        problems.push({ path: `${where}.config`, message: (e as Error).message.replace(/\s+/g, " ").slice(0, 300) });
      }
    }
    ma.runProfiles.forEach((p, j) => {
      const problem = p.schedule ? scheduleProblem(p.schedule) : null;
      if (problem) problems.push({ path: `${where}.runProfiles[${j}].schedule`, message: `invalid schedule "${p.schedule}": ${problem}` });
    });
    const rules = validateRules(ma.rules);
    if (!rules.ok) for (const r of rules.errors) problems.push({ path: `${where}.rules.${r.path}`, message: r.position !== undefined ? `${r.message} (position ${r.position})` : r.message });
  });
  const scheduleNames = new Set<string>();
  config.schedules.forEach((sch, i) => {
    const where = `schedules[${i}] (${sch.name})`;
    if (scheduleNames.has(sch.name)) problems.push({ path: where, message: `duplicate schedule name "${sch.name}"` });
    scheduleNames.add(sch.name);
    const problem = scheduleProblem(sch.cron);
    if (problem) problems.push({ path: `${where}.cron`, message: `invalid cron expression "${sch.cron}": ${problem}` });
  });
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

function refused(problems: ConfigProblem[]): AppError {
  return new AppError("CONFIG_INVALID", `configuration refused, nothing changed:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`, { details: problems });
}

/** Applies a YAML document in one transaction; throws CONFIG_INVALID listing every problem. */
export async function applyConfig(actor: SessionUser, yamlText: string, db: Db = getDb()): Promise<{ objectTypes: number; managementAgents: number }> {
  assertRole(actor, "admin");
  const checked = checkConfig(yamlText);
  if (!checked.ok) {
    throw refused(checked.problems);
  }
  const { config } = checked;
  await db.$transaction(async (tx) => {
    for (const t of config.metaverse.objectTypes) await upsertObjectType(tx, t);
    for (const ma of config.managementAgents) {
      await upsertMa(tx, { ...ma, rules: ma.rules as MaRules });
    }
    // Steps may name MAs of this document or ones already in the database: checked after the MAs are in.
    const maProfiles = await selectMaProfiles(tx);
    const problems = config.schedules.flatMap((sch, i) => stepProblems(sch.steps, maProfiles).map((message) => ({ path: `schedules[${i}] (${sch.name}).steps`, message })));
    if (problems.length) throw refused(problems);
    for (const sch of config.schedules) await writeSchedule(tx, sch);
  });
  await reloadSchedulers();
  await recordAudit(actor.username, "config.apply", "", { objectTypes: config.metaverse.objectTypes.length, managementAgents: config.managementAgents.length, schedules: config.schedules.length }, db);
  return { objectTypes: config.metaverse.objectTypes.length, managementAgents: config.managementAgents.length };
}

/** The whole configuration as YAML, without secrets. */
export async function exportConfig(actor: SessionUser, db: Db = getDb()): Promise<string> {
  assertRole(actor, "admin");
  const store = SqlSyncStore.create(db);
  const model = await store.loadModel();
  const mas = await store.listMas();
  const profiles = await db.runProfile.findMany({ orderBy: { name: "asc" } });
  const schedules = await selectSchedules(db);
  const doc = {
    metaverse: { objectTypes: model.objectTypes },
    managementAgents: mas.map((ma) => {
      const config = Object.fromEntries(Object.entries(redactConfigSecrets(ma.config as Record<string, unknown>)).filter(([k]) => !SECRET_FIELDS.has(k)));
      return {
        name: ma.name,
        type: ma.type,
        config,
        rules: ma.rules,
        ...(Object.keys(ma.safety).length ? { safety: ma.safety } : {}),
        stagingMode: ma.stagingMode,
        runProfiles: profiles.filter((p) => p.maId === ma.id).map((p) => ({ name: p.name, steps: JSON.parse(p.steps), ...(p.schedule ? { schedule: p.schedule } : {}) })),
      };
    }),
    ...(schedules.length ? { schedules: schedules.map((sch) => ({ name: sch.name, cron: sch.cron, enabled: sch.enabled, steps: sch.steps })) } : {}),
  };
  return YAML.stringify(doc);
}
