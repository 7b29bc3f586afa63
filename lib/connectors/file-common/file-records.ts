// The records a file format parser hands to the shared import code: attribute values with the line
// they start on, or a failure naming the line and reason.

import type { AttrValues } from "../../engine/types.ts";

/** A record read from a file: one object (or one change, when the file has a change type). */
export interface ParsedRecord {
  kind: "record";
  /** the 1-based line the record starts on. */
  line: number;
  /** object type from the record type / object type attribute / config. */
  objectType: string;
  attrs: AttrValues;
  /** the record's raw text (physical records, without line breaks), kept only for export rewrites. */
  raw?: string[];
}

/** A record the parser could not read (unbalanced qualifier, short line, malformed line, ...). */
export interface ParseFailure {
  kind: "failure";
  /** error code, e.g. `fixed-width-short-line`. */
  code: string;
  reason: string;
  line: number;
  anchor?: string;
  raw?: string[];
}

export type ParsedItem = ParsedRecord | ParseFailure;

/** Yields arrays of at most `size` items from an async stream. */
export async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  const n = Math.max(1, Math.floor(size));
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= n) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Rows per batch when the engine does not say. */
export const DEFAULT_BATCH_SIZE = 1000;
