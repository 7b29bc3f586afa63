// Shared import logic of the file connectors: parsed records -> import objects or delta changes.
// Checks the anchor (present, not repeated), builds the DN, reads the change type, and names file
// and line in every error. Streams: only the anchors seen so far are kept (for duplicates).

import { stat } from "node:fs/promises";
import type { DeltaImport } from "../../engine/connector.ts";
import type { AttrValues, DeltaChange, DeltaImportItem, FullImportItem, ImportRecordError } from "../../engine/types.ts";
import { AnchorIndex } from "./anchor-index.ts";
import { buildRecordDn } from "../shared/dn-template.ts";
import { inBatches, type ParsedItem, type ParsedRecord } from "./file-records.ts";
import { openTextFile } from "./text-file.ts";

/** How records map to objects: shared settings of every file connector. */
export interface RecordMapping {
  file: string;
  /** error code prefix, e.g. `delimited`. */
  codePrefix: string;
  anchor: string;
  dnTemplate?: string;
  /** attribute holding add / update / delete (not imported as an attribute). */
  changeTypeAttribute?: string;
}

/** The values a change-type attribute may hold (case-insensitive); `modify` means update. */
export const CHANGE_TYPES = { add: "add", update: "update", modify: "update", delete: "delete" } as const;
export type ChangeType = "add" | "update" | "delete";

/** An ImportRecordError naming file and line. */
export function recordError(code: string, reason: string, file: string, line: number, anchor?: string): ImportRecordError {
  return { kind: "error", code, message: `${file}:${line}: ${reason}`, anchor, source: { file, line } };
}

interface Prepared {
  kind: "ok";
  anchor: string;
  attrs: AttrValues;
  changeType: ChangeType;
  record: ParsedRecord;
}

/** Turns parsed records into import items; one instance per pass over the file. */
export class RecordImporter {
  /** anchor -> line of its first record (full import only: a change file may repeat anchors). */
  private readonly anchors = new AnchorIndex();

  constructor(private readonly m: RecordMapping) {}

  private fail(code: string, reason: string, line: number, anchor?: string): ImportRecordError {
    return recordError(`${this.m.codePrefix}-${code}`, reason, this.m.file, line, anchor);
  }

  private prepare(item: ParsedItem): Prepared | ImportRecordError {
    if (item.kind === "failure") return recordError(item.code, item.reason, this.m.file, item.line, item.anchor);
    let attrs = item.attrs;
    let changeType: ChangeType = "update";
    const ctAttr = this.m.changeTypeAttribute;
    if (ctAttr) {
      const raw = attrs[ctAttr]?.[0];
      const ct = raw === undefined ? undefined : CHANGE_TYPES[raw.trim().toLowerCase() as keyof typeof CHANGE_TYPES];
      if (!ct) {
        return this.fail("bad-change-type", `the change type "${ctAttr}" is ${raw === undefined ? "empty" : `"${raw}"`}; use add, update or delete`, item.line, attrs[this.m.anchor]?.[0]);
      }
      changeType = ct;
      attrs = { ...attrs };
      delete attrs[ctAttr];
    }
    const values = attrs[this.m.anchor];
    if (!values?.length || values[0] === "") return this.fail("missing-anchor", `the anchor "${this.m.anchor}" is empty`, item.line);
    if (values.length > 1) return this.fail("bad-anchor", `the anchor "${this.m.anchor}" has ${values.length} values`, item.line, values[0]);
    return { kind: "ok", anchor: values[0]!, attrs, changeType, record: item };
  }

  /** A full-import item; null for a record whose change type is delete (that object is not there). */
  object(item: ParsedItem): FullImportItem | null {
    const p = this.prepare(item);
    if (p.kind === "error") return p;
    if (p.changeType === "delete") return null;
    const { anchor, attrs, record } = p;
    const first = this.anchors.get(anchor);
    if (first !== undefined) return this.fail("duplicate-anchor", `anchor "${anchor}" was already used on line ${first}`, record.line, anchor);
    this.anchors.set(anchor, record.line);
    const dn = buildRecordDn(this.m.dnTemplate, attrs, anchor);
    if ("missing" in dn) return this.fail("bad-record", `"${dn.missing}" of the DN template is empty`, record.line, anchor);
    return { kind: "object", object: { anchor, dn: dn.dn, objectType: record.objectType, attrs, source: { file: this.m.file, line: record.line } } };
  }

  /** A delta-import item: add and update carry the whole record (complete), delete only the anchor. */
  change(item: ParsedItem): DeltaImportItem {
    const p = this.prepare(item);
    if (p.kind === "error") return p;
    const { anchor, attrs, record } = p;
    const source = { file: this.m.file, line: record.line };
    const dn = buildRecordDn(this.m.dnTemplate, attrs, anchor);
    if (p.changeType === "delete") {
      const change: DeltaChange = { kind: "change", op: "delete", anchor, objectType: record.objectType, source };
      if ("dn" in dn) change.dn = dn.dn;
      return change;
    }
    if ("missing" in dn) return this.fail("bad-record", `"${dn.missing}" of the DN template is empty`, record.line, anchor);
    return { kind: "change", op: p.changeType, anchor, dn: dn.dn, objectType: record.objectType, attrs, complete: true, source };
  }
}

/** Streams a full import as batches of items. */
export async function* fullImportBatches(records: AsyncIterable<ParsedItem>, mapping: RecordMapping, batchSize: number): AsyncGenerator<FullImportItem[]> {
  const importer = new RecordImporter(mapping);
  async function* items(): AsyncGenerator<FullImportItem> {
    for await (const r of records) {
      const item = importer.object(r);
      if (item) yield item;
    }
  }
  yield* inBatches(items(), batchSize);
}

/** The watermark of a change file: its size and modification time (null when there is no file). */
export async function fileWatermark(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.size}:${Math.trunc(s.mtimeMs)}`;
  } catch {
    return null;
  }
}

/**
 * A delta import of a change file. The watermark is the file's size and modification time: the same
 * file imported again (or after the full import that recorded it) yields no changes.
 */
export async function fileDeltaImport(
  records: () => AsyncIterable<ParsedItem>,
  mapping: RecordMapping,
  watermark: string | null,
  batchSize: number,
): Promise<DeltaImport> {
  await (await openTextFile(mapping.file)).close();
  const current = await fileWatermark(mapping.file);
  const importer = new RecordImporter(mapping);
  async function* items(): AsyncGenerator<DeltaImportItem> {
    if (watermark !== null && watermark === current) return;
    for await (const r of records()) yield importer.change(r);
  }
  return { changes: inBatches(items(), batchSize), watermark: () => current };
}
