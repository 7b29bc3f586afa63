// The connector type shape of the file connectors: a ConnectorType plus the MA Designer's sample
// preview (the first records as the connector reads them).

import type { ConnectorType } from "../../engine/connector.ts";
import type { FullImportItem } from "../../engine/types.ts";

/** The first records of a file as the connector reads them, for the MA Designer's wizard. */
export interface FilePreview {
  /** attribute names (columns) in file order. */
  columns: string[];
  /** the first records: objects, or errors naming their line. */
  items: FullImportItem[];
}

/** A file connector type: the port's ConnectorType with an optional preview for the wizard. */
export interface FileConnectorType<C> extends ConnectorType<C> {
  preview?: (config: C, rows?: number) => Promise<FilePreview>;
}

/** Collects the first `rows` items of a full import (stops reading the file after them). */
export async function firstItems(batches: AsyncIterable<FullImportItem[]>, rows: number): Promise<FullImportItem[]> {
  const out: FullImportItem[] = [];
  if (rows <= 0) return out;
  for await (const batch of batches) {
    for (const item of batch) {
      out.push(item);
      if (out.length >= rows) return out;
    }
  }
  return out;
}
