// Temp-file helpers shared by the CSV connector tests.
import { writeFile } from "node:fs/promises";
import type { AttrValues } from "../../lib/engine/types.ts";
import { tempDir as fileTempDir } from "./file-harness.ts";

/** A fresh folder under the OS temp dir, and its removal. */
export function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  return fileTempDir("idsync-csv-");
}

/** Quotes a cell the RFC 4180 way when it needs it. */
export function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes objects as CSV: the header is the union of attribute names, multi-values joined by `|`. */
export async function writeObjectsCsv(path: string, objects: AttrValues[], firstColumns: string[] = []): Promise<void> {
  const columns = [...new Set([...firstColumns, ...objects.flatMap((o) => Object.keys(o))])];
  const lines = [columns.map(cell).join(","), ...objects.map((o) => columns.map((c) => cell((o[c] ?? []).join("|"))).join(","))];
  await writeFile(path, lines.join("\n") + "\n");
}
