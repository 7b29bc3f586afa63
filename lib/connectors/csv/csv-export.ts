// Export to a CSV file. write() checks each change against the anchors of the file (read once when
// the session opens) and answers per object; commit() streams the old file row by row, applies the
// changes, appends the adds, writes `<path>.tmp-<pid>` and renames it into place, keeping the previous
// file as `<path>.bak`. A reader sees the old file or the new one, never half of one.

import { stringify } from "csv-stringify/sync";
import type { ExportSession } from "../../engine/connector.ts";
import type { AttrChange, AttrValues, ExportChange, ExportResult } from "../../engine/types.ts";
import { AtomicFile } from "../file-common/atomic-file.ts";
import { applyAttrChange, applyRecordOps, type RecordOp } from "../file-common/attr-ops.ts";
import { parseRecordDn, templateAttributes } from "../shared/dn-template.ts";
import type { CsvConfig } from "./csv-config.ts";
import { readCsv, sniffCsvFile } from "./csv-reader.ts";
import { CsvLayout } from "./csv-rows.ts";

/** A per-object refusal: becomes `{ ok: false, code, message }` for that change only. */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Rows per csv-stringify call while rewriting: big enough to be fast, small enough to stream. */
const WRITE_CHUNK_ROWS = 1000;

/** Buffers rows and writes them through csv-stringify with the file's line breaks. */
class RowWriter {
  private rows: string[][] = [];
  constructor(
    private readonly out: AtomicFile,
    private readonly config: CsvConfig,
    private readonly crlf: boolean,
  ) {}
  async push(fields: string[]): Promise<void> {
    this.rows.push(fields);
    if (this.rows.length >= WRITE_CHUNK_ROWS) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const text = stringify(this.rows, { delimiter: this.config.delimiter, record_delimiter: this.crlf ? "windows" : "unix" });
    this.rows = [];
    await this.out.write(text);
  }
}

/**
 * Opens an export session: reads the file's header and anchors (when the file exists). A file with
 * broken quoting is refused here (ConnectivityError csv-unreadable): rewriting it would lose rows.
 */
export async function openCsvExport(config: CsvConfig): Promise<ExportSession> {
  const sniff = await sniffCsvFile(config.path);
  let layout: CsvLayout | null = null;
  const anchors = new Set<string>();
  if (sniff) {
    for await (const item of readCsv(config.path, config)) {
      if (!layout) {
        layout = CsvLayout.fromHeader(config, item.fields, config.path, item.line);
        continue;
      }
      const anchor = item.fields.length === layout.columns.length ? item.fields[layout.anchorIndex] : undefined;
      if (anchor) anchors.add(anchor);
    }
  }
  return new CsvExportSession(config, layout, anchors, sniff ?? { bom: false, crlf: false });
}

class CsvExportSession implements ExportSession {
  /** anchor -> queued operations, in the order written; Map order is also the order of appended adds. */
  private readonly ops = new Map<string, RecordOp[]>();
  /** existence after this session's changes, over `anchors` (the file as opened). */
  private readonly live = new Map<string, boolean>();
  private readonly columns: string[];
  private state: "open" | "committed" | "aborted" = "open";

  constructor(
    private readonly config: CsvConfig,
    private readonly fileLayout: CsvLayout | null,
    private readonly anchors: Set<string>,
    private readonly format: { bom: boolean; crlf: boolean },
  ) {
    const initial = fileLayout?.columns ?? [config.anchor, ...(config.objectTypeColumn ? [config.objectTypeColumn] : []), ...templateAttributes(config.dnTemplate)];
    this.columns = [...new Set(initial)];
  }

  private exists(anchor: string): boolean {
    return this.live.get(anchor) ?? this.anchors.has(anchor);
  }

  private anchorOf(change: ExportChange): string | undefined {
    if (change.anchor) return change.anchor;
    if (!this.config.dnTemplate) return change.dn || undefined;
    return parseRecordDn(this.config.dnTemplate, change.dn)?.[this.config.anchor];
  }

  private checkValues(name: string, values: string[] | undefined): void {
    if (!values) return;
    const multi = this.config.multiValued.includes(name);
    const present = values.filter((v) => v !== "");
    if (!multi && present.length > 1) throw new Refusal("csv-export-bad-value", `column "${name}" is single-valued but got ${present.length} values`);
    for (const v of present) {
      if (multi && v.includes(this.config.multiValueSeparator)) {
        throw new Refusal("csv-export-bad-value", `a value of column "${name}" contains the separator "${this.config.multiValueSeparator}"`);
      }
      if (this.config.encoding === "latin1" && /[^\u0000-\u00ff]/.test(v)) {
        throw new Refusal("csv-export-bad-value", `a value of column "${name}" cannot be written in latin1`);
      }
    }
  }

  private addAttrs(change: ExportChange, anchor: string): AttrValues {
    const attrs: AttrValues = {};
    for (const [name, values] of Object.entries(change.attrs ?? {})) attrs[name] = values.filter((v) => v !== "");
    if (!change.attrs) for (const [name, c] of Object.entries(change.changes)) attrs[name] = applyAttrChange([], c);
    attrs[this.config.anchor] = [anchor];
    const typeCol = this.config.objectTypeColumn;
    if (typeCol && !attrs[typeCol]?.length) attrs[typeCol] = [change.objectType];
    // Template columns missing from attrs come from the DN the engine built.
    const fromDn = parseRecordDn(this.config.dnTemplate, change.dn) ?? {};
    for (const col of templateAttributes(this.config.dnTemplate)) if (!attrs[col]?.length && fromDn[col]) attrs[col] = [fromDn[col]];
    for (const [name, values] of Object.entries(attrs)) {
      if (!values.length) delete attrs[name];
      else this.checkValues(name, values);
    }
    return attrs;
  }

  private modifyChanges(change: ExportChange, anchor: string): Record<string, AttrChange> {
    const changes: Record<string, AttrChange> = { ...change.changes };
    if (change.op === "rename") {
      if (!change.newDn) throw new Refusal("csv-export-bad-dn", "a rename needs newDn");
      if (!this.config.dnTemplate) {
        if (change.newDn !== anchor) throw new Refusal("csv-export-rename-unsupported", "without a DN template the DN is the anchor, which cannot change");
      } else {
        const parsed = parseRecordDn(this.config.dnTemplate, change.newDn);
        if (!parsed) throw new Refusal("csv-export-bad-dn", `new DN "${change.newDn}" does not fit the template ${this.config.dnTemplate}`);
        for (const [col, value] of Object.entries(parsed)) changes[col] ??= { replace: [value] };
      }
    }
    const anchorChange = changes[this.config.anchor];
    if (anchorChange) {
      const after = applyAttrChange([anchor], anchorChange);
      if (after.length !== 1 || after[0] !== anchor) throw new Refusal("csv-export-anchor-immutable", `the anchor column "${this.config.anchor}" cannot change`);
      delete changes[this.config.anchor];
    }
    for (const [name, c] of Object.entries(changes)) {
      this.checkValues(name, c.replace);
      for (const v of c.add ?? []) this.checkValues(name, [v]);
    }
    return changes;
  }

  private queue(anchor: string, op: RecordOp, names: string[]): void {
    const list = this.ops.get(anchor) ?? [];
    list.push(op);
    this.ops.set(anchor, list);
    for (const n of names) if (!this.columns.includes(n)) this.columns.push(n);
  }

  private apply(change: ExportChange): ExportResult {
    const { id } = change;
    if (change.op === "add") {
      const anchor = change.attrs?.[this.config.anchor]?.find((v) => v !== "") ?? change.anchor ?? undefined;
      if (!anchor) return { id, ok: false, code: "csv-export-no-anchor", message: `an add needs the anchor column "${this.config.anchor}" or an anchor` };
      if (this.exists(anchor)) return { id, ok: false, code: "csv-export-duplicate-anchor", message: `anchor "${anchor}" is already in ${this.config.path}`, anchor };
      const attrs = this.addAttrs(change, anchor);
      this.queue(anchor, { kind: "add", objectType: change.objectType, attrs }, Object.keys(attrs));
      this.live.set(anchor, true);
      return { id, ok: true, anchor };
    }
    const anchor = this.anchorOf(change);
    if (!anchor || !this.exists(anchor)) {
      // Deleting what is already gone reaches the wanted state.
      if (change.op === "delete") return { id, ok: true, anchor };
      return { id, ok: false, code: "csv-export-not-found", message: `no row with anchor "${anchor ?? change.dn}" in ${this.config.path}`, anchor };
    }
    if (change.op === "delete") {
      this.queue(anchor, { kind: "delete" }, []);
      this.live.set(anchor, false);
      return { id, ok: true, anchor };
    }
    const changes = this.modifyChanges(change, anchor);
    this.queue(anchor, { kind: "modify", changes }, Object.keys(changes));
    return { id, ok: true, anchor };
  }

  /** Queues a batch; each change is refused or accepted on its own. */
  async write(batch: ExportChange[]): Promise<ExportResult[]> {
    if (this.state !== "open") throw new Error(`export session to ${this.config.path} is already ${this.state}`);
    return batch.map((change) => {
      try {
        return this.apply(change);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return { id: change.id, ok: false, code: e.code, message: e.message };
      }
    });
  }

  /** Rewrites the file with every queued change, atomically (AtomicFile: temp file, .bak, rename). */
  async commit(): Promise<void> {
    if (this.state !== "open") throw new Error(`export session to ${this.config.path} is already ${this.state}`);
    this.state = "committed";
    const { config } = this;
    const layout = new CsvLayout(config, this.columns);
    const file = await AtomicFile.create(config.path, config.encoding, this.format.bom && config.encoding === "utf8");
    try {
      const out = new RowWriter(file, config, this.format.crlf);
      await out.push(this.columns);
      const done = new Set<string>();
      if (this.fileLayout) await this.rewriteRows(out, this.fileLayout, layout, done);
      for (const [anchor, ops] of this.ops) {
        if (done.has(anchor)) continue;
        // Only an add creates a row; changes to a row that vanished from the file meanwhile are dropped.
        const start = ops.findLastIndex((op) => op.kind === "add");
        const row = start < 0 ? null : applyRecordOps(null, ops.slice(start));
        if (row) await out.push(layout.toFields(row));
      }
      await out.flush();
    } catch (e) {
      await file.abort();
      throw e;
    }
    // The previous file is kept as .bak only when it had a header (a file the export read).
    await file.commit({ backup: this.fileLayout !== null });
  }

  /** Streams the existing rows: changed ones rewritten, untouched ones copied (padded to the new header). */
  private async rewriteRows(out: RowWriter, old: CsvLayout, next: CsvLayout, done: Set<string>): Promise<void> {
    let header = true;
    for await (const item of readCsv(this.config.path, this.config)) {
      if (header) {
        header = false;
        continue;
      }
      const fits = item.fields.length === old.columns.length;
      const anchor = fits ? item.fields[old.anchorIndex] : undefined;
      const ops = anchor && !done.has(anchor) ? this.ops.get(anchor) : undefined;
      if (anchor) done.add(anchor);
      if (!ops) {
        // Untouched (or a bad row the import reports): copied as read, new columns left empty.
        await out.push(fits ? [...item.fields, ...new Array<string>(next.columns.length - old.columns.length).fill("")] : item.fields);
        continue;
      }
      const row = applyRecordOps(old.toAttrs(item.fields), ops);
      if (row) await out.push(next.toFields(row));
    }
  }

  /** Drops the queued changes; the file is untouched. */
  async abort(): Promise<void> {
    if (this.state === "open") this.state = "aborted";
    this.ops.clear();
  }
}
