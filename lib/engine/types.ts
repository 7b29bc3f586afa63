// The engine's vocabulary (see docs/concepts.md). These types are the spec: connectors, the store
// and the services all speak them. Every attribute value is a string; single-valued attributes hold
// an array of length 0 or 1, so one shape serves single- and multi-valued attributes alike.

/** Attribute values of a csentry or mventry: attribute name -> values (never undefined entries). */
export type AttrValues = Record<string, string[]>;

export type AttributeType = "string" | "integer" | "boolean" | "datetime" | "reference" | "binary";

export interface AttributeSchema {
  name: string;
  type: AttributeType;
  multiValued: boolean;
}

export interface ObjectTypeSchema {
  name: string;
  attributes: AttributeSchema[];
  /** Attribute(s) that form the anchor of this object type, when the connector knows them. */
  anchor?: string[];
}

/** What a connector describes of its connected system. */
export interface ConnectorSchema {
  objectTypes: ObjectTypeSchema[];
}

/** Where in the connected system a piece of data came from (for errors that name the place). */
export interface SourceLocation {
  file?: string;
  line?: number;
  attribute?: string;
  rule?: string;
}

/** One object read from a connected system. */
export interface ImportedObject {
  anchor: string;
  dn: string;
  objectType: string;
  attrs: AttrValues;
  source?: SourceLocation;
}

/** A record the connector could not turn into an object: fails that record, not the run. */
export interface ImportRecordError {
  kind: "error";
  code: string;
  message: string;
  anchor?: string;
  dn?: string;
  source?: SourceLocation;
}

export type FullImportItem = { kind: "object"; object: ImportedObject } | ImportRecordError;

export type DeltaOp = "add" | "update" | "delete" | "rename";

/** One change reported by a delta import. `update` replaces the attributes it lists. */
export interface DeltaChange {
  kind: "change";
  op: DeltaOp;
  anchor: string;
  dn?: string;
  objectType?: string;
  attrs?: AttrValues;
  /** update: true when attrs holds the whole object (attributes missing from it are removed). */
  complete?: boolean;
  source?: SourceLocation;
}

export type DeltaImportItem = DeltaChange | ImportRecordError;

/** Per-attribute change of an export; `replace` wins when present. */
export interface AttrChange {
  replace?: string[];
  add?: string[];
  remove?: string[];
}

export type ExportOp = "add" | "update" | "rename" | "delete";

/** One change to write to a connected system. References are already DNs of this system. */
export interface ExportChange {
  /** csentry id, echoed back in the result. */
  id: string;
  op: ExportOp;
  objectType: string;
  anchor: string | null;
  dn: string;
  newDn?: string;
  changes: Record<string, AttrChange>;
  /** add: every attribute of the new object (initial values and export flows). */
  attrs?: AttrValues;
}

export interface ExportResult {
  id: string;
  ok: boolean;
  /** The anchor the system assigned (add) so the csentry can be confirmed. */
  anchor?: string;
  code?: string;
  message?: string;
}

// ---------------------------------------------------------------------------------------------
// Connector space and metaverse

export type CsState = "connector" | "normal-disconnector" | "explicit-disconnector" | "filtered-disconnector";
export type LinkType = "projection" | "join" | "provisioning" | "manual";

/** A staged change of a csentry awaiting synchronization. */
export interface PendingImport {
  op: DeltaOp;
  previousDn?: string;
  /** Attribute names whose values changed (update/rename), for cheap delta flows. */
  changedAttrs?: string[];
}

export interface CsEntry {
  id: string;
  maId: string;
  anchor: string | null;
  dn: string;
  objectType: string;
  attrs: AttrValues;
  state: CsState;
  mvId: string | null;
  linkType: LinkType | null;
  pendingImport: PendingImport | null;
  deleted: boolean;
}

export interface AttributeLineage {
  maId: string;
  runId?: string;
  rule?: string;
  at: string;
}

export interface MvEntry {
  id: string;
  objectType: string;
  attrs: AttrValues;
  lineage: Record<string, AttributeLineage>;
}

export interface PendingExportRecord {
  id: string;
  maId: string;
  csId: string;
  op: ExportOp;
  dn: string;
  newDn?: string | null;
  changes: Record<string, AttrChange>;
  status: "pending" | "exported" | "failed";
  error?: string | null;
  /**
   * The run that handed this change to the connector (recorded before the write). While the status
   * is still pending or failed it names a run that stopped before recording the outcome: the change
   * may already be in the system.
   */
  sentInRunId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Metaverse Designer model

export type PrecedenceMode = "ranked" | "equal" | "manual";

export interface MvAttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  indexed: boolean;
  precedence: PrecedenceMode;
}

export interface MvObjectTypeDef {
  name: string;
  description?: string;
  attributes: MvAttributeDef[];
}

export interface MetaverseModel {
  objectTypes: MvObjectTypeDef[];
}

// ---------------------------------------------------------------------------------------------
// Runs

export type StepType =
  | "full-import"
  | "delta-import"
  | "full-sync"
  | "delta-sync"
  | "export"
  | "full-import-delta-sync"
  | "delta-import-delta-sync";

export type RunStatus =
  | "queued"
  | "in-progress"
  | "success"
  | "completed-warnings"
  | "completed-sync-errors"
  | "completed-export-errors"
  | "stopped-user"
  | "stopped-connectivity"
  | "stopped-server"
  | "stopped-deletion-threshold"
  | "stopped-error-limit"
  | "stopped-empty-source";

export const RUN_FINAL_STATUSES: RunStatus[] = [
  "success",
  "completed-warnings",
  "completed-sync-errors",
  "completed-export-errors",
  "stopped-user",
  "stopped-connectivity",
  "stopped-server",
  "stopped-deletion-threshold",
  "stopped-error-limit",
  "stopped-empty-source",
];

/** Every status a run or step can have (run history filters, badges). */
export const RUN_STATUSES: RunStatus[] = ["queued", "in-progress", ...RUN_FINAL_STATUSES];

/** Statistics counters, named as in MIM. Each counter drills down to its objects. */
export const IMPORT_COUNTERS = ["import-add", "import-update", "import-rename", "import-delete", "import-delete-add", "import-unchanged", "import-filtered"] as const;
export const INBOUND_COUNTERS = ["projections", "joins", "filtered-disconnectors", "disconnectors", "connectors-with-flow-updates", "connectors-without-flow-updates", "deleted-mventries"] as const;
export const OUTBOUND_COUNTERS = ["provisioning-adds", "provisioning-renames", "provisioning-disconnects", "export-attribute-flow-updates"] as const;
export const EXPORT_COUNTERS = ["export-add", "export-update", "export-rename", "export-delete", "export-failure"] as const;

export type Counter =
  | (typeof IMPORT_COUNTERS)[number]
  | (typeof INBOUND_COUNTERS)[number]
  | (typeof OUTBOUND_COUNTERS)[number]
  | (typeof EXPORT_COUNTERS)[number]
  | "exported-change-not-reimported"
  | "errors";

export type StepStats = Partial<Record<Counter, number>>;

/** A per-object error of a run step. */
export interface ObjectError {
  code: string;
  message: string;
  location?: string;
  csId?: string;
  anchor?: string;
  dn?: string;
  detail?: unknown;
}

export interface StepObjectRef {
  counter: Counter;
  csId?: string;
  mvId?: string;
  anchor?: string;
  dn?: string;
}
