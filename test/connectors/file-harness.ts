// Helpers shared by the file connector tests (CSV, delimited, fixed-width, AVP, LDIF, DSML): temp
// folders, reading every import item, splitting objects from errors.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaImportItem, FullImportItem, ImportedObject, ImportRecordError } from "../../lib/engine/types.ts";

/** A fresh folder under the OS temp dir, and its removal. */
export async function tempDir(prefix = "idsync-file-"): Promise<{ dir: string; remove: () => Promise<void>; file: (name: string) => string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }), file: (name) => join(dir, name) };
}

/**
 * A fresh temp folder for each test (removed after it) with the path of `fileName` in it, handed to
 * `set` before each test: `useTempFile("hr.csv", (t) => ({ dir, path } = t))`.
 */
export function useTempFile(fileName: string, set: (t: { dir: string; path: string }) => void, prefix?: string): void {
  let remove: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const t = await tempDir(prefix);
    remove = t.remove;
    set({ dir: t.dir, path: join(t.dir, fileName) });
  });
  afterEach(() => remove?.());
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
