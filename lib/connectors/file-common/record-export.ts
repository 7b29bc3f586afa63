// The export session of the file connectors. write() checks each change against the anchors of the
// file (read once when the session opens) and answers per object; commit() streams the old file
// record by record, rewrites the changed ones, copies the others as they were (bad records too),
// appends the adds, and replaces the file atomically (AtomicFile: temp file, .bak, rename).
// With a change-type attribute, records carry add/update and a delete is written as a delete record.

import { ConnectivityError, type ExportSession } from "../../engine/connector.ts";
import type { AttrChange, AttrValues, ExportChange, ExportResult } from "../../engine/types.ts";
import { AddSpool } from "./add-spool.ts";
import { AtomicFile } from "./atomic-file.ts";
import { applyAttrChange, applyRecordOps, type RecordOp } from "./attr-ops.ts";
import { parseRecordDn, templateAttributes } from "../shared/dn-template.ts";
import { CHANGE_TYPES } from "./record-import.ts";
import { sniffTextFile, type FileEncoding, type FileFormat } from "./text-file.ts";

/** What a format's scan of the existing file yields. */
export type ScanItem =
  | { kind: "names"; names: string[] }
  | { kind: "record"; anchor: string; objectType: string; attrs: AttrValues; raw: string[] }
  | { kind: "raw"; raw: string[] };

/** Writes records of one format (text with the file's line breaks). */
export interface RecordWriter {
  /** text before the first record (a header row), or "". */
  header(): string;
  /** a new or changed record; `previous` is the raw text of the record it replaces (to keep comments). */
  record(objectType: string, attrs: AttrValues, previous?: string[]): string;
  /** a record copied as it was read. */
  raw(raw: string[]): string;
  /** text after the last record (what a writer that batches its output still holds), or "". */
  end?(): string;
}

/** What the shared export session needs from a format. */
export interface ExportFormat {
  file: string;
  codePrefix: string;
  anchor: string;
  encoding: FileEncoding;
  dnTemplate?: string;
  /** attribute naming each record's object type, set on adds. */
  objectTypeAttribute?: string;
  changeTypeAttribute?: string;
  /** BOM for a new file (config); undefined: keep the file's, none for a new UTF-8 file. */
  bom?: boolean;
  /** how messages name the anchor and a record (default "anchor", "record"; CSV: "anchor column", "row"). */
  anchorLabel?: string;
  recordLabel?: string;
  /** keep the previous file as .bak only when the scan found its names (a header); default: any file. */
  backupNeedsHeader?: boolean;
  /** streams the existing file; throws ConnectivityError when it cannot be read reliably. */
  scan(): AsyncIterable<ScanItem>;
  /** why these values cannot be written (null: fine). */
  refuse(objectType: string, name: string, values: string[]): string | null;
  /** attribute names of a file that does not exist yet (a header). */
  initialNames(): string[];
  /** the writer of the new file: `names` in use, `fileNames` of the old file (null: none). */
  writer(names: string[], fileNames: string[] | null, format: FileFormat): RecordWriter;
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Opens an export session on the format's file (reading its anchors). */
export async function openRecordExport(format: ExportFormat): Promise<ExportSession> {
  const sniffed = await sniffTextFile(format.file, format.encoding);
  const anchors = new Set<string>();
  let names: string[] | null = null;
  if (sniffed) {
    for await (const item of format.scan()) {
      if (item.kind === "names") names = item.names;
      else if (item.kind === "record" && !isDeleteRecord(format, item.attrs)) anchors.add(item.anchor);
    }
  }
  return new RecordExportSession(format, sniffed, names, anchors);
}

function isDeleteRecord(format: ExportFormat, attrs: AttrValues): boolean {
  const ct = format.changeTypeAttribute;
  const value = ct ? attrs[ct]?.[0]?.trim().toLowerCase() : undefined;
  return value !== undefined && CHANGE_TYPES[value as keyof typeof CHANGE_TYPES] === "delete";
}

class RecordExportSession implements ExportSession {
  /**
   * anchor -> JSON of its queued RecordOps: changes to records of the file, and any change after a
   * spooled add (strings, not object graphs). Adds of new anchors go to the spool on disk.
   */
  private readonly ops = new Map<string, string>();
  /** anchors whose add is in the spool. */
  private readonly spooled = new Set<string>();
  private readonly spool: AddSpool;
  private readonly live = new Map<string, boolean>();
  private readonly names: string[];
  private state: "open" | "committed" | "aborted" = "open";

  constructor(
    private readonly f: ExportFormat,
    private readonly sniffed: FileFormat | null,
    private readonly fileNames: string[] | null,
    private readonly anchors: Set<string>,
  ) {
    this.names = [...new Set(fileNames ?? f.initialNames())];
    this.spool = new AddSpool(f.file);
  }

  private get anchorLabel(): string {
    return this.f.anchorLabel ?? "anchor";
  }

  private exists(anchor: string): boolean {
    return this.live.get(anchor) ?? (this.spooled.has(anchor) || this.anchors.has(anchor));
  }

  private anchorOf(change: ExportChange): string | undefined {
    if (change.anchor) return change.anchor;
    if (!this.f.dnTemplate) return change.dn || undefined;
    return parseRecordDn(this.f.dnTemplate, change.dn)?.[this.f.anchor];
  }

  private check(objectType: string, name: string, values: string[] | undefined): void {
    if (!values) return;
    const why = this.f.refuse(objectType, name, values.filter((v) => v !== ""));
    if (why) throw new Refusal(`${this.f.codePrefix}-export-bad-value`, why);
  }

  private addAttrs(change: ExportChange, anchor: string): AttrValues {
    const attrs: AttrValues = {};
    for (const [name, values] of Object.entries(change.attrs ?? {})) attrs[name] = values.filter((v) => v !== "");
    if (!change.attrs) for (const [name, c] of Object.entries(change.changes)) attrs[name] = applyAttrChange([], c);
    attrs[this.f.anchor] = [anchor];
    const typeAttr = this.f.objectTypeAttribute;
    if (typeAttr && !attrs[typeAttr]?.length) attrs[typeAttr] = [change.objectType];
    const fromDn = parseRecordDn(this.f.dnTemplate, change.dn) ?? {};
    for (const name of templateAttributes(this.f.dnTemplate)) if (!attrs[name]?.length && fromDn[name]) attrs[name] = [fromDn[name]];
    for (const [name, values] of Object.entries(attrs)) {
      if (!values.length) delete attrs[name];
      else this.check(change.objectType, name, values);
    }
    return attrs;
  }

  private modifyChanges(change: ExportChange, anchor: string): Record<string, AttrChange> {
    const p = this.f.codePrefix;
    const changes: Record<string, AttrChange> = { ...change.changes };
    if (change.op === "rename") {
      if (!change.newDn) throw new Refusal(`${p}-export-bad-dn`, "a rename needs newDn");
      if (!this.f.dnTemplate) {
        if (change.newDn !== anchor) throw new Refusal(`${p}-export-rename-unsupported`, "without a DN template the DN is the anchor, which cannot change");
      } else {
        const parsed = parseRecordDn(this.f.dnTemplate, change.newDn);
        if (!parsed) throw new Refusal(`${p}-export-bad-dn`, `new DN "${change.newDn}" does not fit the template ${this.f.dnTemplate}`);
        for (const [name, value] of Object.entries(parsed)) changes[name] ??= { replace: [value] };
      }
    }
    const anchorChange = changes[this.f.anchor];
    if (anchorChange) {
      const after = applyAttrChange([anchor], anchorChange);
      if (after.length !== 1 || after[0] !== anchor) throw new Refusal(`${p}-export-anchor-immutable`, `the ${this.anchorLabel} "${this.f.anchor}" cannot change`);
      delete changes[this.f.anchor];
    }
    for (const [name, c] of Object.entries(changes)) {
      this.check(change.objectType, name, c.replace);
      for (const v of c.add ?? []) this.check(change.objectType, name, [v]);
    }
    return changes;
  }

  private opsOf(anchor: string): RecordOp[] | undefined {
    const json = this.ops.get(anchor);
    return json === undefined ? undefined : (JSON.parse(json) as RecordOp[]);
  }

  private queue(anchor: string, op: RecordOp, names: string[]): void {
    const list = this.opsOf(anchor) ?? [];
    list.push(op);
    this.ops.set(anchor, JSON.stringify(list));
    for (const n of names) if (!this.names.includes(n)) this.names.push(n);
  }

  private apply(change: ExportChange): ExportResult {
    const { id } = change;
    const p = this.f.codePrefix;
    if (change.op === "add") {
      const anchor = change.attrs?.[this.f.anchor]?.find((v) => v !== "") ?? change.anchor ?? undefined;
      if (!anchor) return { id, ok: false, code: `${p}-export-no-anchor`, message: `an add needs the ${this.anchorLabel} "${this.f.anchor}" or an anchor` };
      if (this.exists(anchor)) return { id, ok: false, code: `${p}-export-duplicate-anchor`, message: `anchor "${anchor}" is already in ${this.f.file}`, anchor };
      const attrs = this.addAttrs(change, anchor);
      if (this.anchors.has(anchor) || this.spooled.has(anchor) || this.ops.has(anchor)) {
        // An anchor this session already touched: its changes stay together, in memory.
        this.queue(anchor, { kind: "add", objectType: change.objectType, attrs }, Object.keys(attrs));
        this.live.set(anchor, true);
      } else {
        this.spool.push({ anchor, objectType: change.objectType, attrs });
        this.spooled.add(anchor);
        for (const n of Object.keys(attrs)) if (!this.names.includes(n)) this.names.push(n);
      }
      return { id, ok: true, anchor };
    }
    const anchor = this.anchorOf(change);
    if (!anchor || !this.exists(anchor)) {
      if (change.op === "delete") return { id, ok: true, anchor };
      return { id, ok: false, code: `${p}-export-not-found`, message: `no ${this.f.recordLabel ?? "record"} with anchor "${anchor ?? change.dn}" in ${this.f.file}`, anchor };
    }
    if (change.op === "delete") {
      this.queue(anchor, { kind: "delete" }, []);
      this.live.set(anchor, false);
      return { id, ok: true, anchor };
    }
    const changes = this.modifyChanges(change, anchor);
    this.queue(anchor, { kind: "modify", changes }, Object.keys(changes));
    return { id, ok: true, anchor };
  }

  /** Queues a batch; each change is refused or accepted on its own. */
  async write(batch: ExportChange[]): Promise<ExportResult[]> {
    if (this.state !== "open") throw new Error(`export session to ${this.f.file} is already ${this.state}`);
    const results = batch.map((change) => {
      try {
        return this.apply(change);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return { id: change.id, ok: false, code: e.code, message: e.message };
      }
    });
    await this.spool.flush();
    return results;
  }

  /** The record to write after `ops`, with its change type; null: nothing to write. */
  private result(start: AttrValues | null, ops: RecordOp[], anchor: string): AttrValues | null {
    const row = applyRecordOps(start, ops);
    const ct = this.f.changeTypeAttribute;
    if (!ct) return row;
    if (!row) return start || ops.some((o) => o.kind === "add") ? { [this.f.anchor]: [anchor], [ct]: ["delete"] } : null;
    return { ...row, [ct]: [start && !isDeleteRecord(this.f, start) && !ops.some((o) => o.kind === "add") ? "update" : "add"] };
  }

  /** Rewrites the file with every queued change, atomically. */
  async commit(): Promise<void> {
    if (this.state !== "open") throw new Error(`export session to ${this.f.file} is already ${this.state}`);
    this.state = "committed";
    const ct = this.f.changeTypeAttribute;
    if (ct && !this.names.includes(ct)) this.names.push(ct);
    const eol = { bom: this.f.bom ?? this.sniffed?.bom ?? this.f.encoding.startsWith("utf16"), crlf: this.sniffed?.crlf ?? false };
    const out = await AtomicFile.create(this.f.file, this.f.encoding, eol.bom);
    try {
      const writer = this.f.writer(this.names, this.sniffed ? this.fileNames : null, eol);
      await out.write(writer.header());
      const done = new Set<string>();
      if (this.sniffed) {
        for await (const item of this.f.scan()) {
          if (item.kind === "names") continue;
          const ops = item.kind === "record" && !done.has(item.anchor) ? this.opsOf(item.anchor) : undefined;
          if (item.kind === "record") done.add(item.anchor);
          if (!ops || item.kind !== "record") {
            await out.write(writer.raw(item.raw));
            continue;
          }
          const row = this.result(isDeleteRecord(this.f, item.attrs) ? null : item.attrs, ops, item.anchor);
          const addType = ops.findLast((o) => o.kind === "add");
          if (row) await out.write(writer.record(addType?.kind === "add" ? addType.objectType : item.objectType, row, item.raw));
        }
      }
      for await (const add of this.spool.read()) {
        // Changes queued after the add (a delete, a modify) apply on top of it.
        const ops: RecordOp[] = [{ kind: "add", objectType: add.objectType, attrs: add.attrs }, ...(this.opsOf(add.anchor) ?? [])];
        done.add(add.anchor);
        const start = ops.findLastIndex((op) => op.kind === "add");
        const last = ops[start] as Extract<RecordOp, { kind: "add" }>;
        const row = this.result(null, ops.slice(start), add.anchor);
        if (row) await out.write(writer.record(last.objectType, row));
      }
      for (const [anchor, json] of this.ops) {
        if (done.has(anchor)) continue;
        const ops = JSON.parse(json) as RecordOp[];
        const start = ops.findLastIndex((op) => op.kind === "add");
        if (start < 0) continue;
        const add = ops[start] as Extract<RecordOp, { kind: "add" }>;
        const row = this.result(null, ops.slice(start), anchor);
        if (row) await out.write(writer.record(add.objectType, row));
      }
      if (writer.end) await out.write(writer.end());
    } catch (e) {
      await out.abort();
      await this.spool.dispose();
      if (e instanceof ConnectivityError) throw e;
      throw new ConnectivityError("file-not-writable", `cannot write ${this.f.file}: ${(e as Error).message}`, { cause: e });
    }
    await this.spool.dispose();
    await out.commit({ backup: !this.f.backupNeedsHeader || this.fileNames !== null });
  }

  /** Drops the queued changes; the file is untouched. */
  async abort(): Promise<void> {
    if (this.state === "open") this.state = "aborted";
    this.ops.clear();
    this.spooled.clear();
    await this.spool.dispose();
  }
}
