// Full import, schema discovery and the Designer's preview of an LDIF entries file. Content records
// and `changetype: add` records are entries; every bad record becomes an ImportRecordError naming
// file and line, and the records after it still import.

import type { FullImportItem } from "../../engine/types.ts";
import { DEFAULT_BATCH_SIZE } from "../file-common/file-records.ts";
import { EntryMapping, ObjectBuilder, recordError, type DirEntry } from "./entry-mapping.ts";
import { ldifConfigSchema, type LdifConfig } from "./ldif-config.ts";
import { readLdifRecordChunks, type RawLdifRecord } from "./ldif-lines.ts";
import { LdifSyntaxError, parseLdifRecord } from "./ldif-records.ts";

/** One entry or error of an entries file, with the entry's place. */
export type LdifEntryItem = { kind: "entry"; entry: DirEntry; line: number } | ReturnType<typeof recordError>;

/** Reads one record of an entries file: an entry, or an error naming its line. */
function entryItem(raw: RawLdifRecord, path: string, mapping: EntryMapping, first: boolean): LdifEntryItem | null {
  try {
    const rec = parseLdifRecord(raw, mapping, first);
    if (rec.kind === "version") return null;
    if (rec.kind === "content") return { kind: "entry", entry: rec.entry, line: rec.line };
    if (rec.change.kind === "add") return { kind: "entry", entry: { dn: rec.change.dn, attrs: rec.change.attrs }, line: rec.line };
    return recordError("ldif-change-record", `${path}:${raw.line}`, `a ${rec.change.kind} change record in an entries file: full imports read entries (content or changetype: add records); change records belong in the delta import's file`, { file: path, line: raw.line }, { dn: rec.change.dn });
  } catch (e) {
    if (!(e instanceof LdifSyntaxError)) throw e;
    return recordError("ldif-bad-record", `${path}:${e.line}`, e.message, { file: path, line: e.line });
  }
}

/** Streams the entries of `path` (content and add records) in chunks; other records are errors. */
export async function* readLdifEntryChunks(path: string, mapping: EntryMapping): AsyncGenerator<LdifEntryItem[]> {
  let first = true;
  for await (const raws of readLdifRecordChunks(path)) {
    const out: LdifEntryItem[] = [];
    for (const raw of raws) {
      const item = entryItem(raw, path, mapping, first);
      first = false;
      if (item) out.push(item);
    }
    yield out;
  }
}

/** Streams the entries of `path` one by one. */
export async function* readLdifEntries(path: string, mapping: EntryMapping): AsyncGenerator<LdifEntryItem> {
  for await (const chunk of readLdifEntryChunks(path, mapping)) yield* chunk;
}

/** Streams the entries file as chunks of import items (objects with anchors, or errors). */
export async function* ldifImportChunks(config: LdifConfig): AsyncGenerator<FullImportItem[]> {
  const mapping = new EntryMapping(config);
  const builder = new ObjectBuilder(mapping, "ldif");
  const describe = (line: number) => `${config.path}:${line}`;
  for await (const chunk of readLdifEntryChunks(config.path, mapping)) {
    yield chunk.map((item) => (item.kind === "error" ? item : builder.build(item.entry, describe(item.line), { file: config.path, line: item.line }, item.line, describe)));
  }
}

/** Streams the entries file as import items. */
export async function* ldifImportItems(config: LdifConfig): AsyncGenerator<FullImportItem> {
  for await (const chunk of ldifImportChunks(config)) yield* chunk;
}

/** Regroups chunks of items into batches of `batchSize` (a chunk at a time: no await per item). */
export async function* rebatch<T>(chunks: AsyncIterable<T[]>, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<T[]> {
  const size = Math.max(1, Math.floor(batchSize));
  let batch: T[] = [];
  for await (const chunk of chunks) {
    for (const item of chunk) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** The full import: every entry of the file, in batches. */
export function ldifFullImport(config: LdifConfig, batchSize?: number): AsyncGenerator<FullImportItem[]> {
  return rebatch(ldifImportChunks(config), batchSize);
}

/**
 * The MA Designer's sample: the first `n` records of the entries file as they would import (objects
 * or errors naming their line). Takes the raw settings and validates them first.
 */
export async function previewLdif(config: unknown, n = 10): Promise<FullImportItem[]> {
  const parsed = ldifConfigSchema.parse(config);
  const out: FullImportItem[] = [];
  if (n <= 0) return out;
  for await (const item of ldifImportItems(parsed)) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}
