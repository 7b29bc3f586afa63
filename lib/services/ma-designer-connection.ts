// The MA Designer's live checks against the connected system: test the connection, discover the
// schema and preview the first objects. Secrets kept on the server (edit) are merged in here and
// scrubbed from every message that goes back to the browser.
import type { Connector, ConnectorType } from "../engine/connector.ts";
import { getConnectorType } from "../connectors/registry.ts";
import type { ConnectorTypeView, PreviewItemView, SchemaDiscoveryView } from "../dto/ma-designer.ts";
import type { MaConnectionInput } from "../schemas/ma-designer.ts";
import { AppError } from "../errors/app-error.ts";
import type { Db } from "../store/db.ts";
import { selectMaForDesigner } from "../store/ma-designer-queries.ts";
import { decryptConfigSecrets, SECRET_FIELDS } from "../store/secrets.ts";

const TIMEOUT_MS = 20_000;

export function listConnectorTypeViewsUnchecked(types: Record<string, ConnectorType<unknown>>): ConnectorTypeView[] {
  return Object.values(types).map((t) => ({
    type: t.type,
    label: t.label,
    capabilities: { delta: t.capabilities.supportsDelta, export: t.capabilities.supportsExport, password: t.capabilities.supportsPassword },
    fields: t.fields.map((f) => ({
      name: f.name, label: f.label, kind: f.kind, required: f.required ?? false, options: f.options ?? [], page: f.page ?? "connect",
      ...(f.default !== undefined ? { default: f.default } : {}), ...(f.help ? { help: f.help } : {}),
    })),
  }));
}

/** Names of the secret settings of a type: its `secret` fields and the store's SECRET_FIELDS. */
export function secretNames(type: ConnectorType<unknown>): Set<string> {
  return new Set([...SECRET_FIELDS, ...type.fields.filter((f) => f.kind === "secret").map((f) => f.name)]);
}

/** Drops unset values (undefined, null, "") so the type's defaults apply. */
export function cleanConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

export interface ResolvedConfig {
  type: ConnectorType<unknown>;
  /** the settings as entered (unset values dropped), secrets left blank omitted. */
  entered: Record<string, unknown>;
  /** entered plus the stored secrets of an edited MA (decrypted): what the connector gets. */
  effective: Record<string, unknown>;
  secrets: Set<string>;
}

/** The config to use: what the wizard sent, plus the stored secrets it left blank (edit). */
export async function resolveConfig(input: MaConnectionInput, db: Db): Promise<ResolvedConfig> {
  let type: ConnectorType<unknown>;
  try {
    type = getConnectorType(input.type);
  } catch (e) {
    throw new AppError("INVALID_INPUT", (e as Error).message, { details: { fieldErrors: { type: ["unknown connector type"] } } });
  }
  const secrets = secretNames(type);
  const entered = cleanConfig(input.config);
  const effective = { ...entered };
  if (input.maId) {
    const stored = await selectMaForDesigner(input.maId, db);
    if (!stored) throw new AppError("NOT_FOUND", `no management agent with id ${input.maId}`);
    const kept = decryptConfigSecrets(Object.fromEntries(Object.entries(stored.config).filter(([k]) => secrets.has(k))));
    for (const [k, v] of Object.entries(kept)) if (effective[k] === undefined) effective[k] = v;
  }
  return { type, entered, effective, secrets };
}

/** Replaces every secret value in a message by ********. */
export function scrub(message: string, resolved: ResolvedConfig): string {
  let out = message;
  for (const k of resolved.secrets) {
    const v = resolved.effective[k];
    if (typeof v === "string" && v.length >= 3) out = out.split(v).join("********");
  }
  return out.slice(0, 1000);
}

/** "path: message; ..." of a zod error, or the error's message. */
export function configIssues(e: unknown): { path: string; message: string }[] {
  const issues = (e as { issues?: { path?: readonly PropertyKey[]; message?: string }[] }).issues;
  if (Array.isArray(issues) && issues.length) {
    return issues.map((i) => ({ path: i.path?.length ? i.path.map(String).join(".") : "(config)", message: i.message ?? "invalid" }));
  }
  return [{ path: "(config)", message: e instanceof Error ? e.message : String(e) }];
}

export function failure(e: unknown, resolved: ResolvedConfig): { ok: false; code: string; message: string } {
  const code = typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : "connection-failed";
  return { ok: false, code, message: scrub(e instanceof Error ? e.message : String(e), resolved) };
}

export async function withTimeout<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${TIMEOUT_MS / 1000} s`), { code: "timeout" })), TIMEOUT_MS);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a connector with the resolved config, or a failure (invalid-config) fit to show. */
function open(resolved: ResolvedConfig): { ok: true; connector: Connector } | { ok: false; code: string; message: string } {
  let config: unknown;
  try {
    config = resolved.type.configSchema.parse(resolved.effective);
  } catch (e) {
    return { ok: false, code: "invalid-config", message: scrub(configIssues(e).map((i) => `${i.path}: ${i.message}`).join("; "), resolved) };
  }
  try {
    return { ok: true, connector: resolved.type.create(config) };
  } catch (e) {
    return failure(e, resolved);
  }
}

export async function testConnectionWith(resolved: ResolvedConfig): Promise<{ ok: true; message: string } | { ok: false; code: string; message: string }> {
  const opened = open(resolved);
  if (!opened.ok) return opened;
  try {
    await withTimeout("the connection test", opened.connector.testConnection());
    return { ok: true, message: `connected: ${resolved.type.label}` };
  } catch (e) {
    return failure(e, resolved);
  } finally {
    await opened.connector.close().catch(() => undefined);
  }
}

const clip = (v: string) => (v.length > 200 ? `${v.slice(0, 200)}…` : v);

async function firstItems(connector: Connector, rows: number): Promise<PreviewItemView[]> {
  const out: PreviewItemView[] = [];
  for await (const batch of connector.fullImport({ batchSize: rows })) {
    for (const item of batch) {
      if (item.kind === "object") {
        const attrs = Object.fromEntries(Object.entries(item.object.attrs).map(([k, vs]) => [k, vs.slice(0, 20).map(clip)]));
        out.push({ kind: "object", anchor: item.object.anchor, dn: item.object.dn, objectType: item.object.objectType, attrs });
      } else {
        out.push({ kind: "error", code: item.code, message: item.message, ...(item.anchor ? { anchor: item.anchor } : {}) });
      }
      if (out.length >= rows) return out;
    }
  }
  return out;
}

/** The schema the connector discovers and its first `rows` objects (a full import read no further). */
export async function discoverWith(resolved: ResolvedConfig, rows: number): Promise<SchemaDiscoveryView> {
  const opened = open(resolved);
  if (!opened.ok) return opened;
  const connector = opened.connector;
  try {
    const schema = await withTimeout("schema discovery", connector.discoverSchema());
    const objectTypes = schema.objectTypes.map((t) => ({
      name: t.name,
      anchor: t.anchor ?? [],
      attributes: t.attributes.map((a) => ({ name: a.name, type: a.type, multiValued: a.multiValued, reference: a.type === "reference" })),
    }));
    try {
      const preview = await withTimeout("the preview", firstItems(connector, rows));
      return { ok: true, objectTypes, preview: preview.map((p) => (p.message ? { ...p, message: scrub(p.message, resolved) } : p)) };
    } catch (e) {
      const f = failure(e, resolved);
      return { ok: true, objectTypes, preview: [], previewError: { code: f.code, message: f.message } };
    }
  } catch (e) {
    return failure(e, resolved);
  } finally {
    await connector.close().catch(() => undefined);
  }
}
