// MA Designer use cases (admin): the connector types to choose from, an MA loaded for editing (never
// its secrets), live checks (connection, schema and preview, rules), and save: everything validated
// again on the server (connector settings, rules with expression positions, run profiles), then one
// transaction with upsertMa and an audit event.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { connectorTypes } from "../connectors/registry.ts";
import type { ConnectorType } from "../engine/connector.ts";
import type { MaSafety } from "../engine/ports.ts";
import { validateRules } from "../engine/rules-schema.ts";
import type { MaRules } from "../engine/rules.ts";
import type {
  ConnectionTestView, ConnectorTypeView, FileSampleView, MaDesignerState, RuleProblemView, SavedMaView, SchemaDiscoveryView,
} from "../dto/ma-designer.ts";
import { AppError } from "../errors/app-error.ts";
import { maDraftSchema, type MaConnectionInput, type MaDraftInput } from "../schemas/ma-designer.ts";
import { upsertMa } from "../store/config-records.ts";
import { getDb, type Db } from "../store/db.ts";
import { deleteMaDraft } from "../store/ma-draft-records.ts";
import { deleteRunProfilesExcept, renameMa, selectMaForDesigner, selectMaIdByName } from "../store/ma-designer-queries.ts";
import { recordAudit } from "./audit.ts";
import { fileSampleWith } from "./ma-designer-file-sample.ts";
import { probeConnectionWith } from "./ma-designer-probe.ts";
import { configProblems, rulesProblems, runProfileProblems, type DraftProblem } from "./ma-designer-checks.ts";
import { discoverWith, listConnectorTypeViewsUnchecked, resolveConfig, secretNames, testConnectionWith } from "./ma-designer-connection.ts";
import { renameScheduleSteps } from "../store/schedule-records.ts";
import { reloadSchedulers } from "./scheduler.ts";

export type { DraftProblem } from "./ma-designer-checks.ts";

export function listConnectorTypes(actor: SessionUser): ConnectorTypeView[] {
  assertRole(actor, "admin");
  return listConnectorTypeViewsUnchecked(connectorTypes as Record<string, ConnectorType<unknown>>);
}

/** An MA as the edit wizard starts from: secrets left out (only their names), safety split from rules. */
export async function loadMaForDesigner(actor: SessionUser, maId: string, db: Db = getDb()): Promise<MaDesignerState> {
  assertRole(actor, "admin");
  const ma = await selectMaForDesigner(maId, db);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  const type = (connectorTypes as Record<string, ConnectorType<unknown>>)[ma.type];
  const secrets = type ? secretNames(type) : new Set<string>();
  const config: Record<string, unknown> = {};
  const secretsSet: string[] = [];
  for (const [k, v] of Object.entries(ma.config)) {
    if (secrets.has(k)) {
      if (v) secretsSet.push(k);
    } else config[k] = v;
  }
  const { safety, ...rules } = ma.rules as Record<string, unknown> & { safety?: MaDesignerState["safety"] };
  return {
    maId: ma.id, name: ma.name, description: ma.description, type: ma.type, config, secretsSet, rules,
    safety: safety && typeof safety === "object" ? safety : {},
    stagingMode: ma.stagingMode,
    runProfiles: ma.runProfiles.map((p) => ({ name: p.name, steps: p.steps, ...(p.schedule ? { schedule: p.schedule } : {}) })),
  };
}

/** Test connection: connector.testConnection() with the entered settings (edit: stored secrets kept). */
export async function testMaConnection(actor: SessionUser, input: MaConnectionInput, db: Db = getDb()): Promise<ConnectionTestView> {
  assertRole(actor, "admin");
  return testConnectionWith(await resolveConfig(input, db));
}

/** The Connect page's test: only the connection settings need to be complete (see ma-designer-probe.ts). */
export async function probeMaConnection(actor: SessionUser, input: MaConnectionInput, db: Db = getDb()): Promise<ConnectionTestView> {
  assertRole(actor, "admin");
  return probeConnectionWith(await resolveConfig(input, db));
}

/** The first lines of a file MA's file, for the File format page. */
export async function sampleMaFile(actor: SessionUser, input: MaConnectionInput, db: Db = getDb()): Promise<FileSampleView> {
  assertRole(actor, "admin");
  return fileSampleWith(await resolveConfig(input, db));
}

/** The discovered schema (object types, attributes) and the first `rows` objects of a full import. */
export async function discoverMaSchema(actor: SessionUser, input: MaConnectionInput, db: Db = getDb(), rows = 10): Promise<SchemaDiscoveryView> {
  assertRole(actor, "admin");
  return discoverWith(await resolveConfig(input, db), Math.max(1, Math.min(rows, 50)));
}

/** Live validation of the rules editor: every problem with its rule path and expression position. */
export function checkMaRules(actor: SessionUser, rules: unknown): RuleProblemView[] {
  assertRole(actor, "admin");
  const result = validateRules(rules ?? {});
  return result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message, ...(e.position !== undefined ? { position: e.position } : {}) }));
}

function problemsError(problems: DraftProblem[]): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const p of problems) {
    const key = `${p.section}:${p.path}`;
    const message = p.position !== undefined && !p.message.includes(`position ${p.position}`) ? `${p.message} (position ${p.position})` : p.message;
    (fieldErrors[key] ??= []).push(message);
  }
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return new AppError("CONFIG_INVALID", `the management agent was not saved: ${first.path}: ${first.message}${more}`, {
    details: { fieldErrors, problems },
  });
}

function safetyOf(s: MaSafety): MaSafety | undefined {
  const out = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as MaSafety;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Creates (no maId) or updates an MA from the wizard. Refuses with CONFIG_INVALID listing every
 * problem (details.problems; a bad expression names its rule path and position); nothing is written then.
 */
export async function saveMa(actor: SessionUser, input: MaDraftInput, db: Db = getDb()): Promise<SavedMaView> {
  assertRole(actor, "admin");
  const parsed = maDraftSchema.safeParse(input);
  if (!parsed.success) {
    throw problemsError(parsed.error.issues.map((i) => ({ section: "general", path: i.path.map(String).join(".") || "(draft)", message: i.message })));
  }
  const draft = parsed.data;
  const problems: DraftProblem[] = [];

  const existing = draft.maId ? await selectMaForDesigner(draft.maId, db) : null;
  if (draft.maId && !existing) throw new AppError("NOT_FOUND", `no management agent with id ${draft.maId}`);
  const sameName = await selectMaIdByName(draft.name, db);
  if (sameName && sameName !== existing?.id) problems.push({ section: "general", path: "name", message: `a management agent called "${draft.name}" already exists` });
  if (existing && existing.type !== draft.type) {
    problems.push({ section: "general", path: "type", message: `the connector type of an existing MA cannot change (${existing.type}); create a new MA instead` });
  }

  let entered: Record<string, unknown> = {};
  if (!Object.hasOwn(connectorTypes, draft.type)) {
    problems.push({ section: "general", path: "type", message: `unknown connector type "${draft.type}" (known: ${Object.keys(connectorTypes).join(", ")})` });
  } else {
    const resolved = await resolveConfig({ maId: existing?.id, type: draft.type, config: draft.config }, db);
    entered = resolved.entered;
    problems.push(...configProblems(resolved));
  }

  const rules = validateRules(draft.rules);
  problems.push(...rulesProblems(draft.rules));
  problems.push(...runProfileProblems(draft.runProfiles));
  if (problems.length || !rules.ok) throw problemsError(problems);

  const created = !existing;
  const safety = safetyOf(draft.safety);
  const maId = await db.$transaction(async (tx) => {
    if (existing && existing.name !== draft.name) {
      await renameMa(existing.id, draft.name, tx);
      await renameScheduleSteps(existing.name, draft.name, tx); // schedules name MAs: keep them pointing here
    }
    const id = await upsertMa(tx, {
      name: draft.name,
      type: draft.type,
      description: draft.description,
      config: entered,
      rules: rules.rules as MaRules,
      ...(safety ? { safety } : {}),
      stagingMode: draft.stagingMode,
      runProfiles: draft.runProfiles.map((p) => ({ name: p.name, steps: p.steps, schedule: p.schedule || null })),
    });
    const removedProfiles = existing ? await deleteRunProfilesExcept(id, draft.runProfiles.map((p) => p.name), tx) : 0;
    const fromDraft = created && draft.draftId ? await deleteMaDraft(draft.draftId, tx) : false;
    await recordAudit(actor.username, created ? "ma.create" : "ma.update", draft.name, {
      type: draft.type,
      ...(existing && existing.name !== draft.name ? { renamedFrom: existing.name } : {}),
      settings: Object.keys(entered).sort(),
      runProfiles: draft.runProfiles.map((p) => p.name),
      removedProfiles,
      stagingMode: draft.stagingMode,
      ...(fromDraft ? { fromDraft: draft.draftId } : {}),
    }, tx);
    return id;
  });
  await reloadSchedulers(); // run profiles' own schedules may have changed
  return { maId, name: draft.name, created };
}
