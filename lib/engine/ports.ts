// The storage port of the engine. lib/store implements it with Prisma (SQLite or PostgreSQL);
// the engine never imports that code. Every method is batch-shaped so the engine can stream a
// connector space of millions of objects in pages and write each page in one transaction.

import type { Connector } from "./connector.ts";
import type { MaRules } from "./rules.ts";
import type {
  AttrValues,
  CsEntry,
  DeltaOp,
  MetaverseModel,
  MvEntry,
  ObjectError,
  PendingExportRecord,
  RunStatus,
  StepObjectRef,
  StepStats,
  StepType,
} from "./types.ts";

/** Safety settings of an MA (deletion threshold, error limit, empty-source guard). */
export interface MaSafety {
  /** stop an export that would delete more than this many objects. */
  deletionThresholdCount?: number;
  /** stop an export that would delete more than this percent of the connector space. */
  deletionThresholdPercent?: number;
  /** stop a step after this many object errors. */
  errorLimit?: number;
  /** stop a full import that would stage deletes for more than this percent of the connector space. */
  maxDeletePercentOnImport?: number;
}

/** A management agent as the engine sees it. `config` is the connector config (secrets decrypted). */
export interface MaDefinition {
  id: string;
  name: string;
  type: string;
  config: unknown;
  rules: MaRules;
  stagingMode: boolean;
  watermark: string | null;
  safety: MaSafety;
}

/** A csentry write: a full row for inserts; id plus the changed fields for updates. */
export type CsInsert = Omit<CsEntry, "id"> & { id?: string };
export type CsUpdate = Pick<CsEntry, "id"> & Partial<Omit<CsEntry, "id" | "maId">>;

/**
 * What a full import compares an imported object with, read without parsing the attributes:
 * `attrsText` is the attributes exactly as the store was given them, `JSON.stringify(attrs)` of
 * the last csInsert/csUpdate that wrote them, so an object imported again unchanged (same values in
 * the same order) is recognised by equal text. Different text says nothing: compare the values.
 */
export interface CsImportView extends Pick<CsEntry, "id" | "dn" | "objectType" | "pendingImport" | "deleted"> {
  anchor: string;
  attrsText: string;
  /** whether the csentry has a pending export (in any status). */
  hasExport: boolean;
  /** the pending export itself, from csImportViews. */
  export?: PendingExportRecord;
}

/** A csentry as a full import's first pass over the connector space reads it: no staged change, no export. */
export type CsImportKey = Omit<CsImportView, "pendingImport" | "export">;

export interface MvInsert {
  id?: string;
  objectType: string;
  attrs: AttrValues;
  lineage: MvEntry["lineage"];
}

export interface MvUpdate {
  id: string;
  attrs: AttrValues;
  lineage: MvEntry["lineage"];
  /** attributes whose values changed: only their MvValue rows are rewritten. */
  changedAttrs: string[];
  /** values of changed attributes before this batch: when known, only the value rows that differ are written. */
  previous?: AttrValues;
}

export interface MvHistoryRecord {
  mvId: string;
  attr: string;
  oldValue: string[];
  newValue: string[];
  maId?: string;
  runId?: string;
  rule?: string;
}

export interface StoreStepRecord {
  id: string;
  runId: string;
  seq: number;
  type: StepType;
}

/** Opens connectors by MA type (implemented by lib/connectors/registry). */
export interface ConnectorFactory {
  open(ma: MaDefinition): Connector;
}

export interface SyncStore {
  /** run `fn` in one transaction on a store bound to it. */
  transaction<T>(fn: (tx: SyncStore) => Promise<T>): Promise<T>;

  // --- configuration
  loadModel(): Promise<MetaverseModel>;
  listMas(): Promise<MaDefinition[]>;
  getMa(idOrName: string): Promise<MaDefinition | null>;
  setWatermark(maId: string, watermark: string | null): Promise<void>;

  // --- connector space
  csByIds(ids: string[]): Promise<CsEntry[]>;
  csByAnchors(maId: string, anchors: string[]): Promise<CsEntry[]>;
  /** the import's view of the csentries with these anchors, with their pending exports (see CsImportView). */
  csImportViews(maId: string, anchors: string[]): Promise<CsImportView[]>;
  /** keyset page (by id) of the import's view of the csentries that have an anchor. */
  csImportViewPage(maId: string, options: { afterId?: string; limit: number }): Promise<CsImportKey[]>;
  /** lookups by DN, compared lower-cased. */
  csByDns(maId: string, dns: string[]): Promise<CsEntry[]>;
  csByMvIds(mvIds: string[], maId?: string): Promise<CsEntry[]>;
  /** keyset page of csentries ordered by id; with pendingImportOp only those staged with that change (indexed: delta sync). */
  csPage(maId: string, options: { afterId?: string; limit: number; pendingImportOp?: DeltaOp }): Promise<CsEntry[]>;
  /** keyset page of the identifying columns only (cheap scans of a whole connector space). */
  csKeysPage(maId: string, options: { afterId?: string; limit: number }): Promise<Pick<CsEntry, "id" | "anchor" | "dn" | "deleted">[]>;
  csCount(maId: string): Promise<number>;
  csInsert(entries: CsInsert[]): Promise<CsEntry[]>;
  csUpdate(updates: CsUpdate[]): Promise<void>;
  csDelete(ids: string[]): Promise<void>;

  // --- metaverse
  mvByIds(ids: string[]): Promise<MvEntry[]>;
  /** mventries of a type with `attr` equal to one of `values` (case-insensitive when ignoreCase). */
  mvFindByValues(objectType: string, attr: string, values: string[], ignoreCase: boolean): Promise<{ mvId: string; value: string }[]>;
  mvInsert(entries: MvInsert[]): Promise<MvEntry[]>;
  mvUpdate(updates: MvUpdate[]): Promise<void>;
  mvDelete(ids: string[]): Promise<void>;
  mvHistory(records: MvHistoryRecord[]): Promise<void>;

  // --- pending exports
  peByCsIds(csIds: string[]): Promise<PendingExportRecord[]>;
  /** insert or replace the pending export of each csentry. */
  peUpsert(records: Omit<PendingExportRecord, "id">[]): Promise<void>;
  peDeleteByCsIds(csIds: string[]): Promise<void>;
  /** Keyset page of pending exports; `notSentInRunId` skips the ones that run already handed over. */
  pePage(maId: string, options: { status: PendingExportRecord["status"]; afterId?: string; limit: number; notSentInRunId?: string }): Promise<PendingExportRecord[]>;
  peCount(maId: string, options: { status?: PendingExportRecord["status"]; op?: string }): Promise<number>;
  /** records, before the connector is given them, that run `runId` sends these pending exports. */
  /** Records that `runId` hands these changes to the connector (a failed one being retried is pending again). */
  peSent(ids: string[], runId: string): Promise<void>;
  /** After the connector committed: every change `runId` handed over and the system accepted becomes exported. */
  peMarkExportedForRun(maId: string, runId: string): Promise<void>;
  peMark(updates: { id: string; status: PendingExportRecord["status"]; error?: string | null; runId?: string }[]): Promise<void>;

  // --- run history
  startStep(runId: string, seq: number, type: StepType): Promise<StoreStepRecord>;
  finishStep(stepId: string, status: RunStatus, stats: StepStats, message?: string): Promise<void>;
  stepProgress(stepId: string, progress: { done: number; total?: number; stats: StepStats }): Promise<void>;
  stepObjects(stepId: string, refs: StepObjectRef[]): Promise<void>;
  stepErrors(stepId: string, errors: ObjectError[]): Promise<void>;
}
