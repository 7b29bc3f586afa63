// The sample on a file MA's "File format" page: the first lines of the file as they are, so the
// format settings (delimiter, qualifier, header, columns) can be chosen by looking at it, before
// the anchor is known (the file connectors read objects only once it is).
import { open } from "node:fs/promises";
import type { FileSampleView } from "../dto/ma-designer.ts";
import type { ResolvedConfig } from "./ma-designer-connection.ts";
import { scrub } from "./ma-designer-connection.ts";

const SAMPLE_BYTES = 16 * 1024;
const SAMPLE_LINES = 15;

function decode(bytes: Buffer, encoding: unknown): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (encoding === "utf16le" || (bytes[0] === 0xff && bytes[1] === 0xfe)) return bytes.toString("utf16le").replace(/^\uFEFF/, "");
  if (encoding === "utf16be" || (bytes[0] === 0xfe && bytes[1] === 0xff)) return Buffer.from(bytes).swap16().toString("utf16le").replace(/^\uFEFF/, "");
  return bytes.toString(encoding === "latin1" ? "latin1" : "utf8");
}

/** The first lines of the MA's file (its first `path` setting on the Connect page). */
export async function fileSampleWith(resolved: ResolvedConfig): Promise<FileSampleView> {
  const field = resolved.type.fields.find((f) => f.kind === "path" && (f.page ?? "connect") === "connect");
  const path = field ? resolved.effective[field.name] : undefined;
  if (typeof path !== "string" || !path) return { ok: false, code: "invalid-config", message: `${field?.name ?? "path"}: enter the file on the Connect page` };
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file-not-found" : "file-unreadable";
    return { ok: false, code, message: scrub(`${path}: ${(e as Error).message}`, resolved) };
  }
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const n = Math.min(bytesRead, SAMPLE_BYTES);
    const whole = String(resolved.effective.encoding).startsWith("utf16") ? n - (n % 2) : n; // no half UTF-16 unit
    const text = decode(buffer.subarray(0, whole), resolved.effective.encoding);
    const all = text.split(/\r?\n/);
    if (bytesRead > SAMPLE_BYTES) all.pop(); // the last line may be cut in the middle
    const lines = all.slice(0, SAMPLE_LINES);
    return { ok: true, path, lines, more: bytesRead > SAMPLE_BYTES || all.length > SAMPLE_LINES };
  } finally {
    await handle.close();
  }
}
