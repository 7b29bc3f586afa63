// Streams the records of a CSV file with the physical line each record starts on. csv-parse's own
// `info.lines` counts CRLF files double, so lines come from our own index of '\n' byte offsets: the
// record's end offset (csv-parse `bytes`) says how many newlines precede it, minus the newlines inside
// its quoted fields. Broken quoting stops the read: after a stray closing quote or an unclosed one,
// csv-parse cannot tell where the following records start and would silently swallow them, and an
// import missing rows would stage deletes for them. Failing the step (with the line) is the safe way.

import { Transform, type TransformCallback } from "node:stream";
import { parse, type CsvError, type InfoRecord, type Options } from "csv-parse";
import { ConnectivityError } from "../../engine/connector.ts";
import { openTextFile } from "../file-common/text-file.ts";

export type CsvEncoding = "utf8" | "latin1";

export interface CsvReadOptions {
  delimiter: string;
  encoding: CsvEncoding;
}

/** A record as read: its fields and the physical line (1-based) it starts on. */
export interface CsvRecord {
  kind: "record";
  fields: string[];
  line: number;
}

export type CsvItem = CsvRecord;

/** Counts '\n' bytes by offset as the data flows to the parser. */
class NewlineIndex extends Transform {
  private offsets: number[] = [];
  private head = 0;
  private seen = 0;
  private counted = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.offsets.push(this.seen + i);
    this.seen += chunk.length;
    done(null, chunk);
  }

  /** Newlines at offsets below `limit`. Calls must come with non-decreasing limits (parse order). */
  countBefore(limit: number): number {
    while (this.head < this.offsets.length && this.offsets[this.head]! < limit) {
      this.head += 1;
      this.counted += 1;
    }
    // Drop consumed offsets now and then so the index stays as small as the parser's look-ahead.
    if (this.head > 4096) {
      this.offsets = this.offsets.slice(this.head);
      this.head = 0;
    }
    return this.counted;
  }
}

function innerNewlines(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf("\n"); i !== -1; i = f.indexOf("\n", i + 1)) n += 1;
  return n;
}

/**
 * Reads every record of the file (the header is the first one), streaming: memory stays bounded by
 * the parser's buffer whatever the file size. Breaking out of the loop closes the file.
 */
export async function* readCsv(path: string, settings: CsvReadOptions): AsyncGenerator<CsvItem> {
  // Missing, unreadable or not a regular file: ConnectivityError file-not-found, before any record.
  const handle = await openTextFile(path, "CSV file");
  const index = new NewlineIndex();
  const onRecord = (fields: string[], context: InfoRecord): { fields: string[]; line: number } => {
    // bytes is the offset just past the record's own line break (if any): exclude that one.
    const endLine = 1 + index.countBefore(context.bytes - 1);
    return { fields, line: endLine - innerNewlines(fields) };
  };
  const options: Options = {
    delimiter: settings.delimiter,
    encoding: settings.encoding,
    bom: true,
    relax_column_count: true,
    // A quote inside an unquoted field (5'11", Dwayne "The Rock" Johnson) is data, not an error.
    relax_quotes: true,
    skip_empty_lines: true,
    // Rows of only delimiters are what spreadsheets leave under the data: not records.
    skip_records_with_empty_values: true,
    // Errors come through on_skip, in parse order, while the newline index still matches them.
    skip_records_with_error: true,
    // The typings want on_record to return the record type; ours returns a wrapper object.
    on_record: onRecord as unknown as Options["on_record"],
    on_skip: (err: CsvError | undefined) => {
      const line = 1 + index.countBefore(typeof err?.bytes === "number" ? err.bytes : 0);
      // Thrown inside the parser: it ends the stream with this error.
      throw new ConnectivityError(
        "csv-unreadable",
        `${path}:${line}: ${err?.message ?? "unreadable record"}; the records after it cannot be read reliably, fix the file`,
        { cause: err },
      );
    },
  };
  const parser = parse(options);
  const source = handle.createReadStream();
  source.pipe(index).pipe(parser);
  const fail = (e: unknown) => parser.destroy(e as Error);
  source.on("error", fail);
  index.on("error", fail);
  try {
    for await (const rec of parser as AsyncIterable<{ fields: string[]; line: number }>) {
      yield { kind: "record", fields: rec.fields, line: rec.line };
    }
  } catch (e) {
    if (e instanceof ConnectivityError) throw e;
    throw new ConnectivityError("file-read-failed", `CSV file ${path} could not be read: ${(e as Error).message}`, { cause: e });
  } finally {
    source.unpipe();
    source.destroy();
    index.destroy();
    parser.destroy();
    await handle.close().catch(() => undefined);
  }
}
