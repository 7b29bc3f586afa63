// What the MA Designer shows: connector types with their settings fields, a draft to edit (never a
// secret), connection tests, discovered schema with preview rows, and rule problems.

export interface DesignerField {
  name: string;
  label: string;
  kind: "text" | "number" | "boolean" | "select" | "secret" | "path" | "list";
  required: boolean;
  options: string[];
  default?: unknown;
  help?: string;
  /** the wizard page showing it (see ConfigFieldPage in lib/engine/connector.ts). */
  page: DesignerFieldPage;
}

export type DesignerFieldPage = "connect" | "scope" | "objectTypes" | "attributes" | "anchor";

export interface ConnectorTypeView {
  type: string;
  label: string;
  capabilities: { delta: boolean; export: boolean; password: boolean };
  fields: DesignerField[];
}

/** An MA loaded into the wizard: config without secrets; `secretsSet` names the secrets stored. */
export interface MaDesignerState {
  maId: string;
  name: string;
  description: string;
  type: string;
  config: Record<string, unknown>;
  secretsSet: string[];
  rules: Record<string, unknown>;
  safety: { deletionThresholdCount?: number; deletionThresholdPercent?: number; errorLimit?: number; maxDeletePercentOnImport?: number };
  stagingMode: boolean;
  runProfiles: { name: string; steps: { type: string }[]; schedule?: string }[];
}

/** A connection test's answer; an LDAP server's root DSE adds its naming contexts (the partitions to choose from). */
/** A table or view of a SQL MA's database, for the Table page. */
export interface SqlTableView {
  schema: string;
  name: string;
  kind: "table" | "view";
}

export type ConnectionTestView = { ok: true; message: string; namingContexts?: string[]; tables?: SqlTableView[] } | { ok: false; code: string; message: string };

/** The first lines of a file MA's file, as they are (the File format page). */
export type FileSampleView = { ok: true; path: string; lines: string[]; more: boolean } | { ok: false; code: string; message: string };

export interface SchemaAttributeView {
  name: string;
  type: string;
  multiValued: boolean;
  reference: boolean;
}

export interface PreviewItemView {
  kind: "object" | "error";
  anchor?: string;
  dn?: string;
  objectType?: string;
  attrs?: Record<string, string[]>;
  code?: string;
  message?: string;
}

export type SchemaDiscoveryView =
  | {
      ok: true;
      objectTypes: { name: string; anchor: string[]; attributes: SchemaAttributeView[] }[];
      preview: PreviewItemView[];
      previewError?: { code: string; message: string };
    }
  | { ok: false; code: string; message: string };

/** One problem in a rules document: `path` like `importFlows[0].expression`, `position` inside the expression. */
export interface RuleProblemView {
  path: string;
  message: string;
  position?: number;
}

/** A problem of one wizard page: `path` is a settings field name, `name`/`type`, or a rules/run profile path. */
export interface PageProblemView {
  path: string;
  message: string;
  position?: number;
}

export interface SavedMaView {
  maId: string;
  name: string;
  created: boolean;
}

/** A draft in the Management Agents list. */
export interface MaDraftView {
  id: string;
  name: string;
  type: string;
  /** the wizard page it was saved on (resuming opens it). */
  page: string;
  updatedAt: string;
  updatedBy: string;
}

/** A draft opened in the wizard: the state as saved (never a secret) and its page. */
export interface MaDraftResume {
  id: string;
  page: string;
  state: MaDraftStateView;
  /** secret settings the draft could not keep: the user enters them again. */
  secretsDropped: string[];
}

export interface MaDraftStateView {
  name: string;
  description: string;
  type: string;
  values: Record<string, string | boolean>;
  extraConfig: Record<string, unknown>;
  rules: Record<string, unknown>;
  rulesYaml: string | null;
  runProfiles: { name: string; steps: string[]; schedule: string }[];
  safety: { deletionThresholdCount: string; deletionThresholdPercent: string; errorLimit: string; maxDeletePercentOnImport: string };
  stagingMode: boolean;
}

export interface SavedMaDraftView {
  id: string;
  savedAt: string;
}
