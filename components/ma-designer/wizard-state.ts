// The wizard's client-side state and its conversions: settings form values <-> connector config,
// and the draft sent to the save action. Nothing here talks to the server.
import type { DesignerField, MaDesignerState, MaDraftStateView } from "../../lib/dto/ma-designer.ts";
import type { MaRules } from "../../lib/engine/rules.ts";
import type { MaDraftInput } from "../../lib/schemas/ma-designer.ts";

export type FormValue = string | boolean;

export interface RunProfileState {
  key: string;
  name: string;
  steps: string[];
  schedule: string;
}

export interface SafetyState {
  deletionThresholdCount: string;
  deletionThresholdPercent: string;
  errorLimit: string;
  maxDeletePercentOnImport: string;
}

export interface WizardState {
  name: string;
  description: string;
  type: string;
  /** settings form values by field name (lists as text, one item a line). */
  values: Record<string, FormValue>;
  /** stored settings the type's fields do not cover (kept as they are). */
  extraConfig: Record<string, unknown>;
  /** the rules as the rule pages and their YAML view edit them (deprovision and the object deletion rule included). */
  rules: MaRules;
  /** the rule pages' YAML view: its text while shown (the same on every rule page), null for the forms. */
  rulesYaml: string | null;
  runProfiles: RunProfileState[];
  safety: SafetyState;
  stagingMode: boolean;
}

let keySeq = 0;
export const newKey = () => `k${++keySeq}`;

function listText(v: unknown): string {
  if (!Array.isArray(v)) return typeof v === "string" ? v : "";
  return v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("\n");
}

/** A list field whose setting is a map (its default is `{}`, e.g. LDAP objectTypes): one `key=value` a line. */
const isMap = (f: DesignerField) => f.kind === "list" && typeof f.default === "object" && f.default !== null && !Array.isArray(f.default);

function mapText(v: unknown): string {
  if (!v || typeof v !== "object" || Array.isArray(v)) return listText(v);
  return Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join("\n");
}

/** `key=value` a line (or one JSON object) into a map; a string is the problem. */
export function parseMap(text: string): Record<string, string> | string {
  const t = text.trim();
  if (t.startsWith("{")) {
    try {
      const v: unknown = JSON.parse(t);
      return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string>) : "a JSON object is expected";
    } catch (e) {
      return `not valid JSON: ${(e as Error).message}`;
    }
  }
  const out: Record<string, string> = {};
  for (const line of t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf("=");
    if (at <= 0 || !line.slice(at + 1).trim()) return `line "${line.slice(0, 40)}" is not name=value`;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** Form values for a type's fields from a config (or the fields' defaults). */
export function valuesFor(fields: DesignerField[], config: Record<string, unknown> = {}): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of fields) {
    const v = config[f.name] !== undefined ? config[f.name] : f.default;
    if (f.kind === "boolean") out[f.name] = v === true;
    else if (isMap(f)) out[f.name] = mapText(v);
    else if (f.kind === "list") out[f.name] = listText(v);
    else if (f.kind === "secret") out[f.name] = "";
    else out[f.name] = v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** One list item a line; a line starting with `{` is a JSON object; text starting with `[` is a JSON array. */
export function parseList(text: string): unknown[] | string {
  const t = text.trim();
  if (!t) return [];
  if (t.startsWith("[")) {
    try {
      const v: unknown = JSON.parse(t);
      return Array.isArray(v) ? v : "a JSON list is expected";
    } catch (e) {
      return `not valid JSON: ${(e as Error).message}`;
    }
  }
  const out: unknown[] = [];
  for (const line of t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    if (line.startsWith("{")) {
      try {
        out.push(JSON.parse(line));
      } catch (e) {
        return `line "${line.slice(0, 40)}" is not valid JSON: ${(e as Error).message}`;
      }
    } else out.push(line);
  }
  return out;
}

/** The connector config from the form, plus problems the form itself can see (bad lists). */
export function configFrom(fields: DesignerField[], values: Record<string, FormValue>, extra: Record<string, unknown>): { config: Record<string, unknown>; errors: Record<string, string> } {
  const config: Record<string, unknown> = { ...extra };
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === "boolean") {
      config[f.name] = v === true;
      continue;
    }
    const text = typeof v === "string" ? v : "";
    if (isMap(f)) {
      const map = parseMap(text);
      if (typeof map === "string") errors[f.name] = map;
      else if (text.trim()) config[f.name] = map;
      else delete config[f.name];
      continue;
    }
    if (f.kind === "list") {
      const list = parseList(text);
      if (typeof list === "string") errors[f.name] = list;
      else if (list.length || text.trim()) config[f.name] = list;
      else delete config[f.name];
      continue;
    }
    if (f.kind !== "secret") delete config[f.name];
    if (text.trim() === "") continue;
    if (f.kind === "number") {
      const n = Number(text);
      if (Number.isFinite(n)) config[f.name] = n;
      else errors[f.name] = "a number is expected";
    } else config[f.name] = f.kind === "secret" ? text : text.trim();
  }
  return { config, errors };
}

const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));

export function draftFrom(state: WizardState, fields: DesignerField[], maId?: string): MaDraftInput {
  const s = state.safety;
  return {
    ...(maId ? { maId } : {}),
    name: state.name,
    description: state.description,
    type: state.type,
    config: configFrom(fields, state.values, state.extraConfig).config,
    rules: { ...state.rules } as Record<string, unknown>,
    safety: {
      deletionThresholdCount: num(s.deletionThresholdCount),
      deletionThresholdPercent: num(s.deletionThresholdPercent),
      errorLimit: num(s.errorLimit),
      maxDeletePercentOnImport: num(s.maxDeletePercentOnImport),
    },
    stagingMode: state.stagingMode,
    runProfiles: state.runProfiles.map((p) => ({ name: p.name, steps: p.steps.map((type) => ({ type })), ...(p.schedule.trim() ? { schedule: p.schedule.trim() } : {}) })),
  };
}

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function initialState(initial: MaDesignerState | null, fields: DesignerField[]): WizardState {
  const covered = new Set(fields.map((f) => f.name));
  const extraConfig = Object.fromEntries(Object.entries(initial?.config ?? {}).filter(([k]) => !covered.has(k)));
  return {
    name: initial?.name ?? "",
    description: initial?.description ?? "",
    type: initial?.type ?? "",
    values: valuesFor(fields, initial?.config),
    extraConfig,
    rules: initial ? ({ ...initial.rules } as MaRules) : { deprovision: "disconnector" },
    rulesYaml: null,
    runProfiles: (initial?.runProfiles ?? [{ name: "Full Import and Full Sync", steps: [{ type: "full-import" }, { type: "full-sync" }] }]).map((p) => ({
      key: newKey(), name: p.name, steps: p.steps.map((s) => s.type), schedule: p.schedule ?? "",
    })),
    safety: {
      deletionThresholdCount: str(initial?.safety.deletionThresholdCount),
      deletionThresholdPercent: str(initial?.safety.deletionThresholdPercent),
      errorLimit: str(initial?.safety.errorLimit),
      maxDeletePercentOnImport: str(initial?.safety.maxDeletePercentOnImport),
    },
    stagingMode: initial?.stagingMode ?? false,
  };
}

/** The state as a draft stores it (run profile keys are the browser's own). */
export function draftStateFrom(state: WizardState): MaDraftStateView {
  return { ...state, rules: { ...state.rules }, runProfiles: state.runProfiles.map(({ name, steps, schedule }) => ({ name, steps, schedule })) };
}

/** A resumed draft as wizard state; settings the draft lacks (secrets, newer fields) start from the type's defaults. */
export function stateFromDraft(draft: MaDraftStateView, fields: DesignerField[]): WizardState {
  return {
    ...draft,
    rules: draft.rules as MaRules,
    values: { ...valuesFor(fields), ...draft.values },
    runProfiles: draft.runProfiles.map((p) => ({ ...p, key: newKey() })),
  };
}
