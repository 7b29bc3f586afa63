// The connector port: what every MA type implements (lib/connectors/<type>). The engine drives a
// Connector and never knows which system is behind it. Modelled on kysely's Dialect/Driver split:
// a ConnectorType is the factory (config schema + capability flags), a Connector is one open use.

import type {
  ConnectorSchema,
  DeltaImportItem,
  ExportChange,
  ExportResult,
  FullImportItem,
} from "./types.ts";

export interface ConnectorCapabilities {
  /** the system reports its own changes since a watermark. Without it a delta import is a full import compared by the engine. */
  supportsDelta: boolean;
  supportsExport: boolean;
  supportsPassword: boolean;
  /** "must change at next logon" can be set with a password. */
  supportsMustChangePassword?: boolean;
}

/** A failure that stops the step (server down, bad credentials), as opposed to one bad record. */
export class ConnectivityError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConnectivityError";
    this.code = code;
  }
}

/** Config validation: a zod schema satisfies this; the engine only needs parse. */
export interface ConfigParser<C> {
  parse(input: unknown): C;
}

/** Describes one settings field for the MA Designer to render. */
export interface ConfigField {
  name: string;
  label: string;
  kind: "text" | "number" | "boolean" | "select" | "secret" | "path" | "list";
  required?: boolean;
  options?: string[];
  default?: unknown;
  help?: string;
  /**
   * the MA Designer page that shows this field (after MIM's Management Agent Designer): `connect`
   * (where and how to reach the system; the default), `scope` (LDAP partitions and containers, a
   * file's format, a SQL table or view), `objectTypes`, `attributes`, `anchor`.
   */
  page?: ConfigFieldPage;
}

/** The MA Designer pages that hold connector settings, in wizard order. */
export type ConfigFieldPage = "connect" | "scope" | "objectTypes" | "attributes" | "anchor";

export interface ConnectorType<C = unknown> {
  /** registry key, e.g. "csv". */
  type: string;
  label: string;
  capabilities: ConnectorCapabilities;
  configSchema: ConfigParser<C>;
  /** settings pages of the MA Designer. */
  fields: ConfigField[];
  create(config: C): Connector;
}

export interface DeltaImport {
  /** batches of changes since the watermark. */
  changes: AsyncIterable<DeltaImportItem[]>;
  /** the watermark to store once every change was staged; valid after `changes` is exhausted. */
  watermark(): string | null;
}

/** What the engine offers a delta import. */
export interface DeltaImportOptions {
  batchSize?: number;
  /**
   * The anchors the connector space holds for these DNs (key: the DN lower-cased as given). For
   * systems whose change log names a deleted object by DN only (a retro changelog's delete).
   */
  knownAnchors?(dns: string[]): Promise<Map<string, string>>;
}

/** An export in progress: batches go in, the session commits once (files write atomically then). */
export interface ExportSession {
  /** write a batch; results per change (a failed change fails that object only). */
  write(batch: ExportChange[]): Promise<ExportResult[]>;
  /** make the writes durable (file rename, transaction commit). */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface PasswordSetOptions {
  mustChange?: boolean;
}

export interface Connector {
  /** check that the system is reachable with these settings; throws ConnectivityError. */
  testConnection(): Promise<void>;
  discoverSchema(): Promise<ConnectorSchema>;
  /** every object of the system, in batches (stream; never the whole system in memory). */
  fullImport(options?: { batchSize?: number }): AsyncIterable<FullImportItem[]>;
  /** changes since `watermark` (null: from the beginning). Only when capabilities.supportsDelta. */
  deltaImport?(watermark: string | null, options?: DeltaImportOptions): Promise<DeltaImport>;
  /** the watermark of "now", taken before a full import so the next delta import starts there. */
  currentWatermark?(): Promise<string | null>;
  openExport?(): Promise<ExportSession>;
  setPassword?(target: { dn: string; anchor: string | null }, password: string, options?: PasswordSetOptions): Promise<void>;
  close(): Promise<void>;
}
