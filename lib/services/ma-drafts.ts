// MA Designer drafts (admin): "Save as draft" keeps a half-finished MA's wizard state so it can be
// resumed later on the page where it was left; the Management Agents list shows them with Resume
// and Discard; creating the MA from a draft removes it (saveMa, in the same transaction).
// Secrets are never stored in a draft: every secret setting of the type (and the store's
// SECRET_FIELDS) is dropped on save, and the resumed wizard asks for it again.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { connectorTypes } from "../connectors/registry.ts";
import type { ConnectorType } from "../engine/connector.ts";
import type { MaDraftResume, MaDraftView, SavedMaDraftView } from "../dto/ma-designer.ts";
import { AppError } from "../errors/app-error.ts";
import { maDraftStateSchema, saveMaDraftSchema, type MaDraftState, type SaveMaDraftInput } from "../schemas/ma-drafts.ts";
import { getDb, type Db } from "../store/db.ts";
import { deleteMaDraft, selectMaDraft, selectMaDrafts, upsertMaDraft } from "../store/ma-draft-records.ts";
import { SECRET_FIELDS } from "../store/secrets.ts";
import { recordAudit } from "./audit.ts";

function secretsOf(type: string): Set<string> {
  const t = Object.hasOwn(connectorTypes, type) ? (connectorTypes as Record<string, ConnectorType<unknown>>)[type] : undefined;
  return new Set([...SECRET_FIELDS, ...(t?.fields.filter((f) => f.kind === "secret").map((f) => f.name) ?? [])]);
}

/** The state without any secret value, and the names of the secrets that had one. */
function withoutSecrets(state: MaDraftState): { state: MaDraftState; dropped: string[] } {
  const secrets = secretsOf(state.type);
  const dropped = [...secrets].filter((k) => (typeof state.values[k] === "string" && state.values[k] !== "") || state.extraConfig[k] !== undefined);
  const keep = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).filter(([k]) => !secrets.has(k)));
  return { state: { ...state, values: keep(state.values), extraConfig: keep(state.extraConfig) }, dropped };
}

export async function saveMaDraft(actor: SessionUser, input: SaveMaDraftInput, db: Db = getDb()): Promise<SavedMaDraftView> {
  assertRole(actor, "admin");
  const { draftId, page, state } = saveMaDraftSchema.parse(input);
  const clean = withoutSecrets(state);
  const saved = await upsertMaDraft({
    ...(draftId ? { id: draftId } : {}),
    name: state.name.trim(),
    type: state.type,
    page,
    payload: JSON.stringify({ state: clean.state, secretsDropped: clean.dropped }),
    actor: actor.username,
  }, db);
  if (!saved) throw new AppError("NOT_FOUND", `no MA draft with id ${draftId} (discarded meanwhile?)`);
  await recordAudit(actor.username, "ma.draft.save", saved.name || "(unnamed)", { draftId: saved.id, type: saved.type, page, secretsDropped: clean.dropped }, db);
  return { id: saved.id, savedAt: saved.updatedAt.toISOString() };
}

export async function listMaDrafts(actor: SessionUser, db: Db = getDb()): Promise<MaDraftView[]> {
  assertRole(actor, "admin");
  return (await selectMaDrafts(db)).map((d) => ({ id: d.id, name: d.name, type: d.type, page: d.page, updatedAt: d.updatedAt.toISOString(), updatedBy: d.updatedBy }));
}

/** A draft as the wizard resumes it; a payload that no longer parses resumes as much as it can. */
export async function loadMaDraft(actor: SessionUser, draftId: string, db: Db = getDb()): Promise<MaDraftResume> {
  assertRole(actor, "admin");
  const d = await selectMaDraft(draftId, db);
  if (!d) throw new AppError("NOT_FOUND", `no MA draft with id ${draftId}`);
  let payload: { state?: unknown; secretsDropped?: unknown } = {};
  try {
    payload = JSON.parse(d.payload) as typeof payload;
  } catch {
    // a damaged payload resumes as an empty wizard with the draft's name and type
  }
  const parsed = maDraftStateSchema.safeParse(payload.state ?? {});
  const state = parsed.success ? parsed.data : maDraftStateSchema.parse({ name: d.name, type: d.type });
  const secretsDropped = Array.isArray(payload.secretsDropped) ? payload.secretsDropped.filter((s): s is string => typeof s === "string") : [];
  return { id: d.id, page: d.page, state, secretsDropped };
}

export async function discardMaDraft(actor: SessionUser, draftId: string, db: Db = getDb()): Promise<{ id: string; name: string }> {
  assertRole(actor, "admin");
  const d = await selectMaDraft(draftId, db);
  if (!d || !(await deleteMaDraft(draftId, db))) throw new AppError("NOT_FOUND", `no MA draft with id ${draftId}`);
  await recordAudit(actor.username, "ma.draft.discard", d.name || "(unnamed)", { draftId }, db);
  return { id: d.id, name: d.name };
}
