// Full import and the Designer's preview of a DSML entries file. searchResultEntry (and addRequest)
// elements are entries; every bad element becomes an ImportRecordError naming file, line and element
// number, and the elements after it still import.

import type { FullImportItem } from "../../engine/types.ts";
import { EntryMapping, ObjectBuilder, recordError } from "../ldif/entry-mapping.ts";
import { rebatch } from "../ldif/ldif-import.ts";
import { dsmlConfigSchema, type DsmlConfig } from "./dsml-config.ts";
import { readDsmlChunks } from "./dsml-reader.ts";

const REQUEST_NAMES = { delete: "delRequest", modify: "modifyRequest", moddn: "modDNRequest", add: "addRequest" } as const;

/** Streams the entries file as chunks of import items. */
export async function* dsmlImportChunks(config: DsmlConfig): AsyncGenerator<FullImportItem[]> {
  const mapping = new EntryMapping(config);
  const builder = new ObjectBuilder(mapping, "dsml");
  const describe = (index: number) => `element ${index}`;
  for await (const chunk of readDsmlChunks(config.path, mapping)) {
    yield chunk.map((item): FullImportItem => {
      if (item.kind === "error") return item;
      const where = `${config.path}:${item.line} (element ${item.index})`;
      const source = { file: config.path, line: item.line };
      if (item.kind === "entry") return builder.build(item.entry, where, source, item.index, describe);
      return recordError("dsml-change-request", where, `a ${REQUEST_NAMES[item.change.kind]} in an entries file: imports read searchResultEntry (or addRequest) elements`, source, { dn: item.change.dn });
    });
  }
}

/** Streams the entries file as import items. */
export async function* dsmlImportItems(config: DsmlConfig): AsyncGenerator<FullImportItem> {
  for await (const chunk of dsmlImportChunks(config)) yield* chunk;
}

/** The full import: every entry of the file, in batches. */
export function dsmlFullImport(config: DsmlConfig, batchSize?: number): AsyncGenerator<FullImportItem[]> {
  return rebatch(dsmlImportChunks(config), batchSize);
}

/**
 * The MA Designer's sample: the first `n` elements of the entries file as they would import (objects
 * or errors naming their line). Takes the raw settings and validates them first.
 */
export async function previewDsml(config: unknown, n = 10): Promise<FullImportItem[]> {
  const parsed = dsmlConfigSchema.parse(config);
  const out: FullImportItem[] = [];
  if (n <= 0) return out;
  for await (const item of dsmlImportItems(parsed)) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}
