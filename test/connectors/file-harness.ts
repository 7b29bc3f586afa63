// Helpers shared by the file connector tests (delimited, fixed-width, AVP): temp folders, reading
// every import item, splitting objects from errors.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaImportItem, FullImportItem, ImportedObject, ImportRecordError } from "../../lib/engine/types.ts";

/** A fresh folder under the OS temp dir, and its removal. */
export async function tempDir(prefix = "idsync-file-"): Promise<{ dir: string; remove: () => Promise<void>; file: (name: string) => string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }), file: (name) => join(dir, name) };
}

/** Every item of a full import. */
export async function importItems(connector: Connector, batchSize?: number): Promise<FullImportItem[]> {
  const items: FullImportItem[] = [];
  for await (const batch of connector.fullImport(batchSize ? { batchSize } : undefined)) items.push(...batch);
  return items;
}

/** Every item of a delta import, and its watermark. */
export async function deltaItems(connector: Connector, watermark: string | null = null): Promise<{ items: DeltaImportItem[]; watermark: string | null }> {
  const delta = await connector.deltaImport!(watermark);
  const items: DeltaImportItem[] = [];
  for await (const batch of delta.changes) items.push(...batch);
  return { items, watermark: delta.watermark() };
}

export const objectsOf = (items: FullImportItem[]): ImportedObject[] => items.flatMap((i) => (i.kind === "object" ? [i.object] : []));
export const errorsOf = (items: (FullImportItem | DeltaImportItem)[]): ImportRecordError[] => items.flatMap((i) => (i.kind === "error" ? [i] : []));
