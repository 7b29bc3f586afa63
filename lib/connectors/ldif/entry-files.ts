// File access shared by the LDIF and DSML connectors: opening with errors that stop the step,
// connection tests, content fingerprints (delta watermarks), atomic replacement with a .bak copy.

import { createHash } from "node:crypto";
import { access, constants, copyFile, link, open, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { ConnectivityError } from "../../engine/connector.ts";
import { openTextFile } from "../file-common/text-file.ts";

/**
 * Opens `path` for reading or throws ConnectivityError `file-not-found` (missing, unreadable, or not
 * a regular file), so the caller fails the step before anything is staged.
 */
export function openInputFile(path: string, label: string): Promise<FileHandle> {
  return openTextFile(path, `${label} file`);
}

/** Whether a file exists at `path`. */
export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Checks that each file's folder exists and is readable, and that each file, when present, is a
 * readable regular file. A missing file is fine: an export-only MA creates it on its first export.
 */
export async function testFiles(paths: string[], label: string): Promise<void> {
  for (const path of paths) {
    const dir = dirname(path);
    try {
      const s = await stat(dir);
      if (!s.isDirectory()) throw new Error("not a directory");
      await access(dir, constants.R_OK | constants.X_OK);
    } catch (e) {
      throw new ConnectivityError("directory-not-found", `the folder of ${label} file ${path} does not exist or is not readable`, { cause: e });
    }
    let s;
    try {
      s = await stat(path);
    } catch {
      continue;
    }
    if (!s.isFile()) throw new ConnectivityError("file-not-found", `${label} file ${path} is not a regular file`);
    try {
      await access(path, constants.R_OK);
    } catch (e) {
      throw new ConnectivityError("file-not-found", `${label} file ${path} is not readable`, { cause: e });
    }
  }
}

/** `sha256:<hex>:<size>` of a file's content (streamed), or null when it does not exist. */
export async function fileFingerprint(path: string): Promise<string | null> {
  if (!(await fileExists(path))) return null;
  const handle = await open(path, "r");
  try {
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
    return `sha256:${hash.digest("hex")}:${size}`;
  } finally {
    await handle.close();
  }
}

/** A temp file beside `path` that becomes `path` on commit, keeping the old one as `<path>.bak`. */
export class AtomicFile {
  readonly tmpPath: string;
  private handle: FileHandle | null = null;
  private pending = "";

  constructor(readonly path: string) {
    this.tmpPath = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  }

  async open(): Promise<void> {
    try {
      this.handle = await open(this.tmpPath, "w");
    } catch (e) {
      throw new ConnectivityError("file-not-writable", `cannot write ${this.tmpPath}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Buffers text and writes it in chunks of about 64 KiB. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= 65536) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.pending || !this.handle) return;
    const text = this.pending;
    this.pending = "";
    await this.handle.write(text);
  }

  /** Syncs and renames the temp file into place; the previous file stays as `<path>.bak` (a hard link, so `path` never goes missing). */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.handle?.sync();
      await this.handle?.close();
      this.handle = null;
      if (await fileExists(this.path)) {
        const bak = `${this.path}.bak`;
        await rm(bak, { force: true });
        await link(this.path, bak).catch(() => copyFile(this.path, bak));
      }
      await rename(this.tmpPath, this.path);
    } catch (e) {
      await this.abort();
      if (e instanceof ConnectivityError) throw e;
      throw new ConnectivityError("file-not-writable", `cannot replace ${this.path}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Drops the temp file; `path` is untouched. */
  async abort(): Promise<void> {
    this.pending = "";
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    await rm(this.tmpPath, { force: true });
  }
}
