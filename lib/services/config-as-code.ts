// Configuration as code: the metaverse model, MAs (without secrets), their rules and run profiles,
// and schedules as one YAML document; or one MA's part of it (the MA page's download and upload).
// `apply` validates everything first and changes nothing on error; each problem names its path and line.
import YAML, { LineCounter } from "yaml";
import { z } from "zod";
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { AppError } from "../errors/app-error.ts";
import { validateRules } from "../engine/rules-schema.ts";
import type { MaRules } from "../engine/rules.ts";
import { connectorTypes, getConnectorType } from "../connectors/registry.ts";
import type { MaDefinition } from "../engine/ports.ts";
import { lineOf, pathParts, pathText } from "../schemas/yaml-place.ts";
import { getDb, type Db } from "../store/db.ts";
import { upsertMa, upsertObjectType } from "../store/config-records.ts";
import { selectMaProfiles, selectSchedules, writeSchedule } from "../store/schedule-records.ts";
import { SqlSyncStore } from "../store/sync-store.ts";
import { SECRET_FIELDS } from "../store/secrets.ts";
import { selectPasswordSettings, upsertPasswordSettings } from "../store/password-queries.ts";
import { recordAudit } from "./audit.ts";
import { passwordManagementOf } from "./password-settings.ts";
import { configIssues, secretNames } from "./ma-designer-connection.ts";
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
        // The MA's password management (the Password settings page); absent: left as it is.
        passwordManagement: z.object({ enabled: z.boolean(), mustChangeAtNextLogon: z.boolean().default(false) }).strict().optional(),
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
  /** the line of the document the problem is on (or the nearest enclosing one). */
  line?: number;
}

/** Makes a problem at a path of the document (its line looked up). */
type ProblemAt = (parts: readonly PropertyKey[], message: string) => ConfigProblem;

export interface CheckOptions {
  /** secrets an MA has stored (by MA name): a document leaves them out, and they are kept. */
  storedSecrets?: Map<string, Set<string>>;
  /** more checks of a well-formed document (e.g. that it holds one given MA). */
  also?: (config: IdSyncConfig, at: ProblemAt) => ConfigProblem[];
}

/** Parses and validates a YAML document; returns every problem found (nothing is written). */
export function checkConfig(yamlText: string, options: CheckOptions = {}): { ok: true; config: IdSyncConfig } | { ok: false; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(yamlText, { lineCounter: lines });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "YAML", message: e.message.split("\n")[0]!, line: e.linePos?.[0].line })),
    };
  }
  const at = (parts: readonly PropertyKey[], message: string, label = pathText(parts)): ConfigProblem => ({ path: label, message, line: lineOf(doc, lines, parts) });
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => at(i.path, i.message)) };
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  const names = new Set<string>();
  config.managementAgents.forEach((ma, i) => {
    const base = ["managementAgents", i];
    // The label names the MA too: `managementAgents[0] (HR).rules...`.
    const where = (parts: (string | number)[], message: string) => problems.push(at([...base, ...parts], message, `managementAgents[${i}] (${ma.name})${parts.length ? pathText(["", ...parts]) : ""}`));
    if (names.has(ma.name)) where([], `duplicate MA name "${ma.name}"`);
    names.add(ma.name);
    if (!Object.hasOwn(connectorTypes, ma.type)) where(["type"], `unknown connector type "${ma.type}" (known: ${Object.keys(connectorTypes).join(", ")})`);
    else {
      // A secret the document leaves out keeps its stored value: validate as if it were there.
      const kept = [...(options.storedSecrets?.get(ma.name) ?? [])].filter((k) => ma.config[k] === undefined);
      try {
        getConnectorType(ma.type).configSchema.parse({ ...ma.config, ...Object.fromEntries(kept.map((k) => [k, "(stored)"])) });
      } catch (e) {
        for (const issue of configIssues(e)) where(issue.path === "(config)" ? ["config"] : ["config", ...pathParts(issue.path)], issue.message);
      }
    }
    const pm = ma.passwordManagement;
    if (pm && Object.hasOwn(connectorTypes, ma.type)) {
      const view = passwordManagementOf({ id: "", name: ma.name, type: ma.type }, { enabled: true, mustChangeAtNextLogon: true });
      if (pm.enabled && !view.supportsPassword) where(["passwordManagement", "enabled"], `the ${ma.type} connector cannot set passwords`);
      if (pm.mustChangeAtNextLogon && !view.supportsMustChange) where(["passwordManagement", "mustChangeAtNextLogon"], `the ${ma.type} connector cannot require a change at next logon`);
    }
    ma.runProfiles.forEach((p, j) => {
      const problem = p.schedule ? scheduleProblem(p.schedule) : null;
      if (problem) where(["runProfiles", j, "schedule"], `invalid schedule "${p.schedule}": ${problem}`);
    });
    const rules = validateRules(ma.rules);
    if (!rules.ok) for (const r of rules.errors) where(["rules", ...pathParts(r.path)], r.position !== undefined ? `${r.message} (position ${r.position})` : r.message);
  });
  const scheduleNames = new Set<string>();
  config.schedules.forEach((sch, i) => {
    const where = `schedules[${i}] (${sch.name})`;
    if (scheduleNames.has(sch.name)) problems.push({ path: where, message: `duplicate schedule name "${sch.name}"` });
    scheduleNames.add(sch.name);
    const problem = scheduleProblem(sch.cron);
    if (problem) problems.push({ path: `${where}.cron`, message: `invalid cron expression "${sch.cron}": ${problem}` });
  });
  problems.push(...(options.also?.(config, at) ?? []));
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

/** The problems as one message, a line each (the CLI prints it; the console lists `details`). */
function refusal(problems: ConfigProblem[]): AppError {
  const lines = problems.map((p) => `  ${p.path}${p.line ? ` (line ${p.line})` : ""}: ${p.message}`);
  return new AppError("CONFIG_INVALID", `configuration refused, nothing changed:\n${lines.join("\n")}`, { details: problems });
}

/** Names of the secrets each MA has stored (any value set), by MA name. */
async function storedSecrets(db: Db): Promise<Map<string, Set<string>>> {
  const rows = await db.managementAgent.findMany({ select: { name: true, config: true } });
  return new Map(rows.map((r) => [r.name, new Set(Object.entries(JSON.parse(r.config) as Record<string, unknown>).filter(([k, v]) => SECRET_FIELDS.has(k) && v).map(([k]) => k))]));
}

/** Applies a YAML document in one transaction; throws CONFIG_INVALID listing every problem. */
export async function applyConfig(actor: SessionUser, yamlText: string, db: Db = getDb()): Promise<{ objectTypes: number; managementAgents: number }> {
  assertRole(actor, "admin");
  const checked = checkConfig(yamlText, { storedSecrets: await storedSecrets(db) });
  if (!checked.ok) throw refusal(checked.problems);
  const { config } = checked;
  await db.$transaction(async (tx) => {
    for (const t of config.metaverse.objectTypes) await upsertObjectType(tx, t);
    for (const ma of config.managementAgents) {
      const maId = await upsertMa(tx, { ...ma, rules: ma.rules as MaRules });
      if (ma.passwordManagement) await upsertPasswordSettings({ maId, ...ma.passwordManagement }, tx);
    }
    // Steps may name MAs of this document or ones already in the database: checked after the MAs are in.
    const maProfiles = await selectMaProfiles(tx);
    const problems = config.schedules.flatMap((sch, i) => stepProblems(sch.steps, maProfiles).map((message) => ({ path: `schedules[${i}] (${sch.name}).steps`, message })));
    if (problems.length) throw refusal(problems);
    for (const sch of config.schedules) await writeSchedule(tx, sch);
  });
  await reloadSchedulers();
  await recordAudit(actor.username, "config.apply", "", { objectTypes: config.metaverse.objectTypes.length, managementAgents: config.managementAgents.length, schedules: config.schedules.length }, db);
  return { objectTypes: config.metaverse.objectTypes.length, managementAgents: config.managementAgents.length };
}

/** One MA as a document entry: its settings without any secret, rules, safety and run profiles. */
function maEntry(
  ma: MaDefinition,
  description: string,
  profiles: { name: string; steps: string; schedule: string | null }[],
  password: { enabled: boolean; mustChangeAtNextLogon: boolean } | undefined,
) {
  const type = Object.hasOwn(connectorTypes, ma.type) ? getConnectorType(ma.type) : null;
  const secrets = type ? secretNames(type) : SECRET_FIELDS;
  return {
    name: ma.name,
    type: ma.type,
    ...(description ? { description } : {}),
    config: Object.fromEntries(Object.entries(ma.config as Record<string, unknown>).filter(([k]) => !secrets.has(k))),
    rules: ma.rules,
    ...(Object.keys(ma.safety).length ? { safety: ma.safety } : {}),
    stagingMode: ma.stagingMode,
    ...(password ? { passwordManagement: { enabled: password.enabled, mustChangeAtNextLogon: password.mustChangeAtNextLogon } } : {}),
    runProfiles: profiles.map((p) => ({ name: p.name, steps: JSON.parse(p.steps), ...(p.schedule ? { schedule: p.schedule } : {}) })),
  };
}

/** The whole configuration as YAML, without secrets. */
export async function exportConfig(actor: SessionUser, db: Db = getDb()): Promise<string> {
  assertRole(actor, "admin");
  const store = SqlSyncStore.create(db);
  const model = await store.loadModel();
  const mas = await store.listMas();
  const [profiles, descriptions] = await Promise.all([
    db.runProfile.findMany({ orderBy: { name: "asc" } }),
    db.managementAgent.findMany({ select: { id: true, description: true } }),
  ]);
  const schedules = await selectSchedules(db);
  const passwords = await selectPasswordSettings(mas.map((m) => m.id), db);
  const doc = {
    metaverse: { objectTypes: model.objectTypes },
    managementAgents: mas.map((ma) => maEntry(ma, descriptions.find((d) => d.id === ma.id)?.description ?? "", profiles.filter((p) => p.maId === ma.id), passwords.get(ma.id))),
    ...(schedules.length ? { schedules: schedules.map((sch) => ({ name: sch.name, cron: sch.cron, enabled: sch.enabled, steps: sch.steps })) } : {}),
  };
  return YAML.stringify(doc);
}

/** One MA's configuration as a document of its own (the `managementAgents` part only), without secrets. */
export async function exportMaConfig(actor: SessionUser, maId: string, db: Db = getDb()): Promise<{ maName: string; yaml: string }> {
  assertRole(actor, "admin");
  const row = await db.managementAgent.findUnique({ where: { id: maId }, select: { description: true } });
  const ma = row ? await SqlSyncStore.create(db).getMa(maId) : null;
  if (!row || !ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  const profiles = await db.runProfile.findMany({ where: { maId }, orderBy: { name: "asc" } });
  const password = (await selectPasswordSettings([maId], db)).get(maId);
  const doc = new YAML.Document({ managementAgents: [maEntry(ma, row.description, profiles, password)] });
  doc.commentBefore =
    ` IdSync: the configuration of management agent "${ma.name}" (configuration as code, docs/configuration.md).\n` +
    ` Secrets are not in it: uploading it keeps the ones stored. Upload it on the MA's page, or apply it with npx idsync config apply.`;
  await recordAudit(actor.username, "ma.config.export", ma.name, { maId }, db);
  return { maName: ma.name, yaml: doc.toString() };
}

/** What a document applied to one MA must be besides valid: that MA alone, same name and type, no metaverse part. */
function oneMaProblems(config: IdSyncConfig, current: { name: string; type: string }, at: ProblemAt): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.metaverse.objectTypes.length) problems.push(at(["metaverse"], "this document changes one management agent; apply the metaverse model with npx idsync config apply"));
  if (config.managementAgents.length !== 1) {
    problems.push(at(["managementAgents"], `the document holds ${config.managementAgents.length} management agents; it must hold exactly one: ${current.name}`));
    return problems;
  }
  const [ma] = config.managementAgents;
  if (ma!.name !== current.name) problems.push(at(["managementAgents", 0, "name"], `this is the configuration of "${ma!.name}", not of "${current.name}" (the name cannot change here)`));
  if (ma!.type !== current.type) problems.push(at(["managementAgents", 0, "type"], `"${current.name}" is a ${current.type} management agent; its connector type cannot change (${ma!.type})`));
  return problems;
}

/**
 * Applies a document holding this one MA (as exportMaConfig writes it): the same checks as apply,
 * and it must name this MA with its type and change nothing else (no metaverse part, no other MA).
 * Run profiles it lists are created or replaced; ones it leaves out are kept, as with apply.
 */
export async function applyMaConfig(actor: SessionUser, maId: string, yamlText: string, db: Db = getDb()): Promise<{ maName: string; runProfiles: number }> {
  assertRole(actor, "admin");
  const current = await db.managementAgent.findUnique({ where: { id: maId }, select: { name: true, type: true } });
  if (!current) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  const checked = checkConfig(yamlText, { storedSecrets: await storedSecrets(db), also: (config, at) => oneMaProblems(config, current, at) });
  if (!checked.ok) throw refusal(checked.problems);
  const ma = checked.config.managementAgents[0]!;
  await db.$transaction(async (tx) => {
    const id = await upsertMa(tx, { ...ma, rules: ma.rules as MaRules });
    if (ma.passwordManagement) await upsertPasswordSettings({ maId: id, ...ma.passwordManagement }, tx);
    await recordAudit(actor.username, "ma.config.apply", ma.name, { maId, runProfiles: ma.runProfiles.length }, tx);
  });
  return { maName: ma.name, runProfiles: ma.runProfiles.length };
}
