// Writing a file so a reader never sees half of it: text goes to `<path>.tmp-<pid>`, and commit()
// syncs it, keeps the previous file as `<path>.bak` (a hard link, so the path never goes missing)
// and renames the new file into place.

import { copyFile, link, open, rename, rm, type FileHandle } from "node:fs/promises";
import { ConnectivityError } from "../../engine/connector.ts";
import { bomBytes, fileExists, type FileEncoding } from "./text-file.ts";

/** Characters buffered before an encode-and-write. */
const FLUSH_CHARS = 256 * 1024;

/** Encodes text in a file encoding (UTF-16BE by swapping UTF-16LE bytes). */
export function encodeText(text: string, encoding: FileEncoding): Buffer {
  if (encoding === "utf16be") return Buffer.from(text, "utf16le").swap16();
  return Buffer.from(text, encoding);
}

/** True when every character of `value` can be written in `encoding`. */
export function encodable(value: string, encoding: FileEncoding): boolean {
  return encoding !== "latin1" || !/[^\u0000-\u00ff]/.test(value);
}

/** A file being written next to its final path; commit() or abort() ends it. */
export class AtomicFile {
  private parts: string[] = [];
  private size = 0;
  private readonly tmpPath: string;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly encoding: FileEncoding,
  ) {
    this.tmpPath = AtomicFile.tmpPathOf(path);
  }

  /** The temporary path used while writing `path`. */
  static tmpPathOf(path: string): string {
    return `${path}.tmp-${process.pid}`;
  }

  /** Creates the temporary file (and writes the BOM when asked); ConnectivityError when it cannot. */
  static async create(path: string, encoding: FileEncoding, bom: boolean): Promise<AtomicFile> {
    const tmp = AtomicFile.tmpPathOf(path);
    let handle: FileHandle;
    try {
      handle = await open(tmp, "w");
    } catch (e) {
      throw new ConnectivityError("file-not-writable", `cannot write ${tmp}: ${(e as Error).message}`, { cause: e });
    }
    const file = new AtomicFile(path, handle, encoding);
    if (bom) await handle.write(bomBytes(encoding));
    return file;
  }

  /** Appends text (buffered). */
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    await this.handle.write(encodeText(text, this.encoding));
  }

  /** Makes the new file durable and renames it into place, keeping the old one as `.bak` (unless `backup` is false). */
  async commit({ backup = true }: { backup?: boolean } = {}): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
      await this.handle.close();
    } catch (e) {
      await this.abort();
      throw new ConnectivityError("file-not-writable", `cannot write ${this.tmpPath}: ${(e as Error).message}`, { cause: e });
    }
    const bak = `${this.path}.bak`;
    try {
      if (backup && (await fileExists(this.path))) {
        await rm(bak, { force: true });
        await link(this.path, bak).catch(() => copyFile(this.path, bak));
      }
      await rename(this.tmpPath, this.path);
    } catch (e) {
      await rm(this.tmpPath, { force: true });
      throw new ConnectivityError("file-not-writable", `cannot replace ${this.path}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Drops the temporary file; the real file is untouched. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tmpPath, { force: true });
  }
}
