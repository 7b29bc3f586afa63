// Export to an entries file (LDIF or DSML), shared by both formats. Opening reads the file's anchors
// and DNs (a file with unreadable records is refused: rewriting it would lose them). write() checks
// each change and answers per object, and streams the accepted ones as change records to the
// optional changes file. commit() streams the old entries file, applies the queued changes, appends
// the adds, and renames both temp files into place, keeping each previous file as `<path>.bak`.

import { ConnectivityError, type ExportSession } from "../../engine/connector.ts";
import { parentDn, splitDn, unescapeDnValue } from "../../engine/expression-dn.ts";
import type { AttrValues, ExportChange, ExportResult, FullImportItem } from "../../engine/types.ts";
import { AtomicFile, fileExists } from "./entry-files.ts";
import { applyMods, attrChangeToMods, getAttr, normalizeDn, setValues, type ChangeRecord, type DirEntry, type EntryMapping, type Modification } from "./entry-mapping.ts";
import { isBase64 } from "./ldif-writer.ts";

/** How one file format reads and writes entries. */
export interface EntryFileFormat {
  /** "LDIF", "DSML" (messages). */
  label: string;
  /** error code prefix: "ldif", "dsml". */
  prefix: string;
  mapping: EntryMapping;
  /** the entries file. */
  path: string;
  /** where change records of each export go, if anywhere. */
  changesPath?: string;
  /** streams the entries file as import items; only called when it exists. */
  readItems(): AsyncIterable<FullImportItem>;
  entries: { header: string; entry(e: DirEntry): string; footer: string };
  changes: { header: string; change(c: ChangeRecord): string; footer: string };
}

type Op = { kind: "add"; entry: DirEntry } | { kind: "modify"; dn: string; mods: Modification[] } | { kind: "delete" };

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function applyOps(start: DirEntry | null, ops: Op[]): DirEntry | null {
  let entry = start;
  for (const op of ops) {
    if (op.kind === "delete") entry = null;
    else if (op.kind === "add") entry = { dn: op.entry.dn, attrs: { ...op.entry.attrs } };
    else if (entry) entry = { dn: op.dn, attrs: applyMods(entry.attrs, op.mods) };
  }
  return entry;
}

/** The attribute and unescaped value of a DN's first RDN. */
function firstRdn(dn: string): { rdn: string; attr: string; value: string } | null {
  const rdn = splitDn(dn)[0];
  const eq = rdn?.indexOf("=") ?? -1;
  if (!rdn || eq <= 0) return null;
  return { rdn, attr: rdn.slice(0, eq).trim(), value: unescapeDnValue(rdn.slice(eq + 1)) };
}

/** Opens an export session on the format's files. */
export async function openEntryExport(format: EntryFileFormat): Promise<ExportSession> {
  const dns = new Map<string, string>();
  const exists = await fileExists(format.path);
  if (exists) {
    let bad = 0;
    let firstBad = "";
    for await (const item of format.readItems()) {
      if (item.kind === "error") {
        bad += 1;
        firstBad ||= item.message;
      } else dns.set(item.object.anchor, item.object.dn);
    }
    if (bad) {
      throw new ConnectivityError(`${format.prefix}-unreadable`, `${format.path} has ${bad} record(s) that cannot be read (first: ${firstBad}); fix the file before exporting, rewriting it would lose them`);
    }
  }
  const changes = format.changesPath ? new AtomicFile(format.changesPath) : null;
  if (changes) {
    await changes.open();
    await changes.write(format.changes.header);
  }
  return new EntryExportSession(format, dns, exists, changes);
}

class EntryExportSession implements ExportSession {
  /** anchor -> queued operations in order; Map order is also the order of appended adds. */
  private readonly ops = new Map<string, Op[]>();
  /** anchor -> DN after this session's changes (undefined: gone), over `fileDns`. */
  private readonly live = new Map<string, string | undefined>();
  /** normalized DN -> anchor, for changes that only know the DN. */
  private byDn: Map<string, string> | null = null;
  private state: "open" | "committed" | "aborted" = "open";

  constructor(
    private readonly f: EntryFileFormat,
    private readonly fileDns: Map<string, string>,
    private readonly fileExisted: boolean,
    private readonly changeFile: AtomicFile | null,
  ) {}

  private dnOf(anchor: string): string | undefined {
    return this.live.has(anchor) ? this.live.get(anchor) : this.fileDns.get(anchor);
  }

  private anchorByDn(dn: string): string | undefined {
    const key = normalizeDn(dn);
    if (this.f.mapping.anchorIsDn) return key;
    this.byDn ??= new Map([...this.fileDns].map(([a, d]) => [normalizeDn(d), a]));
    const found = this.byDn.get(key);
    if (found !== undefined && this.dnOf(found) !== undefined && normalizeDn(this.dnOf(found)!) === key) return found;
    for (const [a, d] of this.live) if (d !== undefined && normalizeDn(d) === key) return a;
    return undefined;
  }

  private checkValues(name: string, values: string[]): void {
    if (!this.f.mapping.isBinary(name)) return;
    for (const v of values) if (!isBase64(v)) throw new Refusal(`${this.f.prefix}-export-bad-value`, `a value of binary attribute ${name} is not base64`);
  }

  private queue(anchor: string, op: Op): void {
    const list = this.ops.get(anchor) ?? [];
    list.push(op);
    this.ops.set(anchor, list);
  }

  private async emit(change: ChangeRecord): Promise<void> {
    if (this.changeFile) await this.changeFile.write(this.f.changes.change(change));
  }

  private async add(change: ExportChange): Promise<ExportResult> {
    const { mapping, prefix } = this.f;
    const attrs: AttrValues = {};
    for (const [name, values] of Object.entries(change.attrs ?? {})) setValues(attrs, name, values.filter((v) => v !== ""));
    if (!change.attrs) for (const [name, c] of Object.entries(change.changes)) setValues(attrs, name, (c.replace ?? c.add ?? []).filter((v) => v !== ""));
    if (!change.dn || !firstRdn(change.dn)) throw new Refusal(`${prefix}-export-bad-dn`, `an add needs a DN like uid=x,ou=people, got "${change.dn}"`);
    let anchor: string | undefined;
    if (mapping.anchorIsDn) anchor = normalizeDn(change.dn);
    else {
      anchor = getAttr(attrs, mapping.config.anchor)?.[0] ?? change.anchor ?? undefined;
      if (anchor) setValues(attrs, mapping.config.anchor, [anchor]);
    }
    if (!anchor) throw new Refusal(`${prefix}-export-no-anchor`, `an add needs the anchor attribute "${mapping.config.anchor}"`);
    if (this.dnOf(anchor) !== undefined) throw new Refusal(`${prefix}-export-exists`, `an entry with anchor "${anchor}" already exists in ${this.f.path}`);
    if (!mapping.anchorIsDn && this.anchorByDn(change.dn) !== undefined) throw new Refusal(`${prefix}-export-exists`, `an entry named ${change.dn} already exists in ${this.f.path}`);
    // The RDN value is an attribute value too (LDAP requires it).
    const rdn = firstRdn(change.dn)!;
    if (!(getAttr(attrs, rdn.attr) ?? []).includes(rdn.value)) setValues(attrs, rdn.attr, [...(getAttr(attrs, rdn.attr) ?? []), rdn.value]);
    if (!getAttr(attrs, "objectClass")?.length && change.objectType) setValues(attrs, "objectClass", [change.objectType]);
    for (const [name, values] of Object.entries(attrs)) this.checkValues(name, values);
    this.queue(anchor, { kind: "add", entry: { dn: change.dn, attrs } });
    this.live.set(anchor, change.dn);
    await this.emit({ kind: "add", dn: change.dn, attrs });
    return { id: change.id, ok: true, anchor };
  }

  private async apply(change: ExportChange): Promise<ExportResult> {
    const { id } = change;
    const { mapping, prefix } = this.f;
    if (change.op === "add") return this.add(change);
    const anchor = change.anchor ?? this.anchorByDn(change.dn);
    const dn = anchor === undefined ? undefined : this.dnOf(anchor);
    if (anchor === undefined || dn === undefined) {
      // Deleting what is already gone reaches the wanted state.
      if (change.op === "delete") return { id, ok: true, anchor: anchor ?? undefined };
      return { id, ok: false, code: `${prefix}-export-not-found`, message: `no entry with anchor "${anchor ?? change.dn}" in ${this.f.path}`, anchor };
    }
    if (change.op === "delete") {
      this.queue(anchor, { kind: "delete" });
      this.live.set(anchor, undefined);
      await this.emit({ kind: "delete", dn });
      return { id, ok: true, anchor };
    }
    const mods: Modification[] = [];
    for (const [name, c] of Object.entries(change.changes)) {
      if (!mapping.anchorIsDn && name.toLowerCase() === mapping.config.anchor.toLowerCase()) {
        const after: string[] = applyMods({ [name]: [anchor] }, attrChangeToMods(name, c))[name] ?? [];
        if (after.length !== 1 || after[0] !== anchor) throw new Refusal(`${prefix}-export-anchor-immutable`, `the anchor attribute "${name}" cannot change`);
        continue;
      }
      this.checkValues(name, [...(c.replace ?? []), ...(c.add ?? [])]);
      mods.push(...attrChangeToMods(name, c));
    }
    let newDn = dn;
    if (change.op === "rename") {
      if (!change.newDn || !firstRdn(change.newDn)) throw new Refusal(`${prefix}-export-bad-dn`, `a rename needs a new DN, got "${change.newDn ?? ""}"`);
      if (mapping.anchorIsDn && normalizeDn(change.newDn) !== normalizeDn(dn)) {
        throw new Refusal(`${prefix}-export-rename-unsupported`, `the MA is anchored on the DN, which a rename would change; anchor on an attribute (entryUUID, uid) to rename`);
      }
      newDn = change.newDn;
      const oldRdn = firstRdn(dn)!;
      const nextRdn = firstRdn(newDn)!;
      if (!mapping.anchorIsDn && nextRdn.attr.toLowerCase() === mapping.config.anchor.toLowerCase() && nextRdn.value !== anchor) {
        throw new Refusal(`${prefix}-export-anchor-immutable`, `the new RDN ${nextRdn.rdn} would change the anchor attribute "${mapping.config.anchor}"`);
      }
      const newSuperior = normalizeDn(parentDn(newDn)) !== normalizeDn(parentDn(dn)) ? parentDn(newDn) : undefined;
      // The old RDN value goes, as directories do it, unless it is the anchor (which must stay).
      const deleteOldRdn = mapping.anchorIsDn || oldRdn.attr.toLowerCase() !== mapping.config.anchor.toLowerCase();
      await this.emit({ kind: "moddn", dn, newRdn: nextRdn.rdn, deleteOldRdn, ...(newSuperior !== undefined ? { newSuperior } : {}) });
      const attrMods = [...mods];
      mods.length = 0;
      if (deleteOldRdn) mods.push({ op: "delete", attr: oldRdn.attr, values: [oldRdn.value] });
      mods.push({ op: "add", attr: nextRdn.attr, values: [nextRdn.value] }, ...attrMods);
      this.live.set(anchor, newDn);
      if (attrMods.length) await this.emit({ kind: "modify", dn: newDn, mods: attrMods });
    } else if (mods.length) await this.emit({ kind: "modify", dn, mods });
    this.queue(anchor, { kind: "modify", dn: newDn, mods });
    return { id, ok: true, anchor };
  }

  /** Queues a batch; each change is refused or accepted on its own. */
  async write(batch: ExportChange[]): Promise<ExportResult[]> {
    if (this.state !== "open") throw new Error(`export session to ${this.f.path} is already ${this.state}`);
    const results: ExportResult[] = [];
    for (const change of batch) {
      try {
        results.push(await this.apply(change));
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        results.push({ id: change.id, ok: false, code: e.code, message: e.message });
      }
    }
    return results;
  }

  /** Rewrites the entries file with every queued change and writes the changes file, each atomically. */
  async commit(): Promise<void> {
    if (this.state !== "open") throw new Error(`export session to ${this.f.path} is already ${this.state}`);
    this.state = "committed";
    const out = new AtomicFile(this.f.path);
    try {
      await out.open();
      await out.write(this.f.entries.header);
      const done = new Set<string>();
      if (this.fileExisted) {
        for await (const item of this.f.readItems()) {
          if (item.kind === "error") throw new ConnectivityError(`${this.f.prefix}-unreadable`, `${this.f.path} changed during the export: ${item.message}`);
          const { anchor, dn, attrs } = item.object;
          done.add(anchor);
          const ops = this.ops.get(anchor);
          const entry = ops ? applyOps({ dn, attrs }, ops) : { dn, attrs };
          if (entry) await out.write(this.f.entries.entry(entry));
        }
      }
      for (const [anchor, ops] of this.ops) {
        if (done.has(anchor)) continue;
        // Only an add creates an entry; changes to an entry that vanished meanwhile are dropped.
        const start = ops.findLastIndex((op) => op.kind === "add");
        const entry = start < 0 ? null : applyOps(null, ops.slice(start));
        if (entry) await out.write(this.f.entries.entry(entry));
      }
      await out.write(this.f.entries.footer);
      await out.commit();
    } catch (e) {
      await out.abort();
      await this.changeFile?.abort();
      throw e;
    }
    if (this.changeFile) {
      await this.changeFile.write(this.f.changes.footer);
      await this.changeFile.commit();
    }
  }

  /** Drops the queued changes; both files are untouched. */
  async abort(): Promise<void> {
    if (this.state === "open") this.state = "aborted";
    this.ops.clear();
    await this.changeFile?.abort();
  }
}
