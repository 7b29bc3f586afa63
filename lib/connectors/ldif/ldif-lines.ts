// Streams the records of an LDIF file (RFC 2849) as lists of logical lines with their line numbers:
// folded lines joined (a line starting with one space continues the previous one), comments (and
// their folded continuations) dropped, records split at empty lines.
//
// Hand-written rather than an npm parser: LDIF's grammar is line-oriented and small, and the npm
// `ldif` package (0.5.x) parses a whole string with a PEG grammar, so it cannot stream a large file
// nor report the physical line of each record. This reader keeps one record in memory at a time.

import { StringDecoder } from "node:string_decoder";
import { ConnectivityError } from "../../engine/connector.ts";
import { openInputFile } from "./entry-files.ts";

/** One logical (unfolded) line and the physical line it starts on (1-based). */
export interface LdifLine {
  text: string;
  line: number;
}

/** The logical lines of one record; `line` is where its first line starts. */
export interface RawLdifRecord {
  line: number;
  lines: LdifLine[];
}

/**
 * Reads the records of `path` in order, streaming (memory holds one record and one read chunk).
 * `onChunk` sees every byte read (used to fingerprint the file in the same pass). A missing or
 * unreadable file throws ConnectivityError before the first record.
 */
export async function* readLdifRecords(path: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<RawLdifRecord> {
  for await (const records of readLdifRecordChunks(path, onChunk)) yield* records;
}

/** As readLdifRecords, the records completed by each read chunk together (fewer async steps). */
export async function* readLdifRecordChunks(path: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<RawLdifRecord[]> {
  const handle = await openInputFile(path, "LDIF");
  const decoder = new StringDecoder("utf8");
  const stream = handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false });
  let lineNo = 0;
  let current: LdifLine[] = [];
  let inComment = false;
  let rest = "";

  /** Takes one physical line; returns a finished record when the line ends one. */
  const take = (raw: string): RawLdifRecord | null => {
    lineNo += 1;
    let text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text === "") {
      inComment = false;
      if (!current.length) return null;
      const record = { line: current[0]!.line, lines: current };
      current = [];
      return record;
    }
    const first = text.charCodeAt(0);
    if (first === 32) {
      // A folded continuation: belongs to the comment or line before it.
      if (inComment) return null;
      const last = current.at(-1);
      if (last) last.text += text.slice(1);
      else current.push({ text, line: lineNo });
      return null;
    }
    if (first === 35) {
      inComment = true;
      return null;
    }
    inComment = false;
    current.push({ text, line: lineNo });
    return null;
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onChunk?.(chunk);
      const text = rest + decoder.write(chunk);
      const done: RawLdifRecord[] = [];
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        const record = take(text.slice(start, nl));
        start = nl + 1;
        if (record) done.push(record);
      }
      rest = text.slice(start);
      if (done.length) yield done;
    }
    rest += decoder.end();
    const done: RawLdifRecord[] = [];
    if (rest !== "") {
      const record = take(rest);
      if (record) done.push(record);
    }
    if (current.length) done.push({ line: current[0]!.line, lines: current });
    if (done.length) yield done;
  } catch (e) {
    if (e instanceof ConnectivityError) throw e;
    throw new ConnectivityError("file-read-failed", `LDIF file ${path} could not be read: ${(e as Error).message}`, { cause: e });
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}
