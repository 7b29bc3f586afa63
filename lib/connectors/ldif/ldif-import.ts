// Full import, schema discovery and the Designer's preview of an LDIF entries file. Content records
// and `changetype: add` records are entries; every bad record becomes an ImportRecordError naming
// file and line, and the records after it still import.

import type { FullImportItem } from "../../engine/types.ts";
import { EntryMapping, ObjectBuilder, recordError, type DirEntry } from "./entry-mapping.ts";
import { ldifConfigSchema, type LdifConfig } from "./ldif-config.ts";
import { readLdifRecords } from "./ldif-lines.ts";
import { LdifSyntaxError, parseLdifRecord } from "./ldif-records.ts";

/** Entries per batch when the engine does not say. */
export const DEFAULT_BATCH_SIZE = 1000;

/** One entry or error of an entries file, with the entry's place. */
export type LdifEntryItem = { kind: "entry"; entry: DirEntry; line: number } | ReturnType<typeof recordError>;

/** Streams the entries of `path` (content and add records); other records are errors. */
export async function* readLdifEntries(path: string, mapping: EntryMapping): AsyncGenerator<LdifEntryItem> {
  let first = true;
  for await (const raw of readLdifRecords(path)) {
    const where = `${path}:${raw.line}`;
    try {
      const rec = parseLdifRecord(raw, mapping, first);
      first = false;
      if (rec.kind === "version") continue;
      if (rec.kind === "content") yield { kind: "entry", entry: rec.entry, line: rec.line };
      else if (rec.change.kind === "add") yield { kind: "entry", entry: { dn: rec.change.dn, attrs: rec.change.attrs }, line: rec.line };
      else {
        yield recordError("ldif-change-record", where, `a ${rec.change.kind} change record in an entries file: full imports read entries (content or changetype: add records); change records belong in the delta import's file`, { file: path, line: raw.line }, { dn: rec.change.dn });
      }
    } catch (e) {
      first = false;
      if (!(e instanceof LdifSyntaxError)) throw e;
      yield recordError("ldif-bad-record", `${path}:${e.line}`, e.message, { file: path, line: e.line });
    }
  }
}

/** Streams the entries file as import items (objects with anchors, or errors). */
export async function* ldifImportItems(config: LdifConfig): AsyncGenerator<FullImportItem> {
  const mapping = new EntryMapping(config);
  const builder = new ObjectBuilder(mapping, "ldif");
  for await (const item of readLdifEntries(config.path, mapping)) {
    if (item.kind === "error") yield item;
    else yield builder.build(item.entry, `${config.path}:${item.line}`, { file: config.path, line: item.line });
  }
}

/** Groups a stream of items into batches of `batchSize`. */
export async function* inBatches<T>(items: AsyncIterable<T>, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<T[]> {
  const size = Math.max(1, Math.floor(batchSize));
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The full import: every entry of the file, in batches. */
export function ldifFullImport(config: LdifConfig, batchSize?: number): AsyncGenerator<FullImportItem[]> {
  return inBatches(ldifImportItems(config), batchSize);
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
