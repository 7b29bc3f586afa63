// Reading a connected system's text file: open it (or fail the step with ConnectivityError), decode
// it chunk by chunk in its encoding (a leading BOM dropped), sniff its BOM and line breaks, and check
// that its folder is usable (testConnection). Shared by the delimited, fixed-width and AVP types.

import { access, constants, open, stat, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { ConnectivityError } from "../../engine/connector.ts";

/** Encodings the file connectors read and write. */
export const FILE_ENCODINGS = ["utf8", "utf16le", "utf16be", "latin1"] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** Bytes read per chunk: large enough for speed, small enough to keep memory flat. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Opens `path` for reading or throws ConnectivityError `file-not-found` (missing, unreadable or not
 * a regular file), so the step fails before anything is staged.
 */
export async function openTextFile(path: string, what = "file"): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" || code === "EPERM" ? "is not readable" : `cannot be opened (${code ?? String(e)})`;
    throw new ConnectivityError("file-not-found", `${what} ${path} ${why}`, { cause: e });
  }
  const s = await handle.stat();
  if (!s.isFile()) {
    await handle.close();
    throw new ConnectivityError("file-not-found", `${what} ${path} is not a regular file`);
  }
  return handle;
}

/** Decodes byte chunks to text: stateful for multi-byte encodings, byte-swapping UTF-16BE. */
class ChunkDecoder {
  private readonly decoder: StringDecoder | null;
  private carry: Buffer | null = null;
  constructor(private readonly encoding: FileEncoding) {
    this.decoder = encoding === "latin1" ? null : new StringDecoder(encoding === "utf8" ? "utf8" : "utf16le");
  }
  write(chunk: Buffer): string {
    if (!this.decoder) return chunk.toString("latin1");
    if (this.encoding !== "utf16be") return this.decoder.write(chunk);
    let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk);
    this.carry = null;
    if (bytes.length % 2) {
      this.carry = bytes.subarray(bytes.length - 1);
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    return this.decoder.write(bytes.swap16());
  }
  end(): string {
    return this.decoder ? this.decoder.end() + (this.carry ? "\ufffd" : "") : "";
  }
}

/**
 * Streams the file's text in chunks (never the whole file), the BOM dropped. Read errors become
 * ConnectivityError `file-read-failed`. Breaking out of the loop closes the file.
 */
export async function* readTextChunks(path: string, encoding: FileEncoding, what = "file"): AsyncGenerator<string> {
  const handle = await openTextFile(path, what);
  const decoder = new ChunkDecoder(encoding);
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let first = true;
  try {
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
      } catch (e) {
        throw new ConnectivityError("file-read-failed", `${what} ${path} could not be read: ${(e as Error).message}`, { cause: e });
      }
      let text = bytesRead ? decoder.write(buffer.subarray(0, bytesRead)) : decoder.end();
      if (first && text.length) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text.length) yield text;
      if (!bytesRead) return;
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** How an existing file writes line breaks and whether it starts with a BOM (null: no file). */
export interface FileFormat {
  bom: boolean;
  crlf: boolean;
}

const BOMS: Record<FileEncoding, number[] | null> = { utf8: [0xef, 0xbb, 0xbf], utf16le: [0xff, 0xfe], utf16be: [0xfe, 0xff], latin1: null };

/** The byte order mark of an encoding (empty for latin1). */
export function bomBytes(encoding: FileEncoding): Buffer {
  return Buffer.from(BOMS[encoding] ?? []);
}

/** Reads the first bytes of a file to learn its BOM and line breaks; null when there is no file. */
export async function sniffTextFile(path: string, encoding: FileEncoding): Promise<FileFormat | null> {
  let handle: FileHandle;
  try {
    handle = await openTextFile(path);
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const bom = BOMS[encoding];
    const text = new ChunkDecoder(encoding).write(head);
    const nl = text.indexOf("\n");
    return { bom: !!bom && bom.every((b, i) => head[i] === b), crlf: nl > 0 && text[nl - 1] === "\r" };
  } finally {
    await handle.close();
  }
}

/**
 * testConnection of a file MA: the folder must exist and be readable; the file, when present, must
 * be a readable regular file. A missing file is fine (an export-only MA creates it on first export).
 */
export async function testFileConnection(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new ConnectivityError("directory-not-found", `${dir} (the folder of ${path}) is not a directory`);
    await access(dir, constants.R_OK | constants.X_OK);
  } catch (e) {
    if (e instanceof ConnectivityError) throw e;
    throw new ConnectivityError("directory-not-found", `the folder of ${path} does not exist or is not readable`, { cause: e });
  }
  let file;
  try {
    file = await stat(path);
  } catch {
    return;
  }
  if (!file.isFile()) throw new ConnectivityError("file-not-found", `${path} is not a regular file`);
  try {
    await access(path, constants.R_OK);
  } catch (e) {
    throw new ConnectivityError("file-not-found", `${path} is not readable`, { cause: e });
  }
}

/** True when `path` exists. */
export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
