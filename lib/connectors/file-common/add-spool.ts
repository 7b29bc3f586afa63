// New records of a file export session, kept on disk until commit: an export of a million adds
// would otherwise hold a million queued records in memory until the file is rewritten. One JSON
// line per add, in arrival order (the order the records are appended to the file). The spool sits
// beside the target file (the export writes there anyway: AtomicFile's temp file does too).

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { AttrValues } from "../../engine/types.ts";

export interface SpooledAdd {
  anchor: string;
  objectType: string;
  attrs: AttrValues;
}

export class AddSpool {
  private dir: string | null = null;
  private handle: fs.promises.FileHandle | null = null;
  private pending: string[] = [];

  /** `target`: the file being exported. */
  constructor(private readonly target: string) {}

  private get file(): string {
    return path.join(this.dir!, "adds.jsonl");
  }

  /** Queues an add; written to disk by flush(). */
  push(add: SpooledAdd): void {
    this.pending.push(`${JSON.stringify(add)}\n`);
  }

  /** Writes the queued adds (one write per export batch). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    if (!this.handle) {
      this.dir = await fs.promises.mkdtemp(path.join(path.dirname(this.target), `.${path.basename(this.target)}.adds-`));
      this.handle = await fs.promises.open(this.file, "w");
    }
    const text = this.pending.join("");
    this.pending = [];
    await this.handle.write(text);
  }

  /** The adds in arrival order. */
  async *read(): AsyncGenerator<SpooledAdd> {
    await this.flush();
    if (!this.handle) return;
    await this.handle.close();
    this.handle = null;
    const lines = readline.createInterface({ input: fs.createReadStream(this.file, "utf8"), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as SpooledAdd;
  }

  /** Removes the spool file. */
  async dispose(): Promise<void> {
    this.pending = [];
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    if (this.dir) await fs.promises.rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
