// Delta import from an LDIF change-record file. Each record becomes a DeltaChange: content and add
// records an add of the whole entry, delete a delete, modify an update of the attributes it touches,
// modrdn/moddn a rename. The watermark is the file's content fingerprint, so the same file is never
// applied twice. The engine's update replaces whole attributes, so `add:` and `delete:` of single
// values need the entry's values before the change: taken from an earlier record of the same file,
// else from the entries file (`path`), read once for just the DNs the change file touches.

import type { DeltaImport } from "../../engine/connector.ts";
import { parentDn, splitDn, unescapeDnValue } from "../../engine/expression-dn.ts";
import type { AttrValues, DeltaChange, DeltaImportItem, SourceLocation } from "../../engine/types.ts";
import { createHash } from "node:crypto";
import { fileExists } from "./entry-files.ts";
import { applyMods, EntryMapping, findAttr, getAttr, normalizeDn, recordError, type DirEntry, type Modification } from "./entry-mapping.ts";
import type { LdifConfig } from "./ldif-config.ts";
import { DEFAULT_BATCH_SIZE, inBatches } from "../file-common/file-records.ts";
import { readLdifEntries } from "./ldif-import.ts";
import { readLdifRecords } from "./ldif-lines.ts";
import { LdifSyntaxError, parseLdifRecord, type LdifRecord } from "./ldif-records.ts";

type Parsed = { ok: true; rec: LdifRecord } | { ok: false; error: LdifSyntaxError };

async function* parsedRecords(path: string, mapping: EntryMapping, onChunk?: (b: Buffer) => void): AsyncGenerator<Parsed> {
  let first = true;
  for await (const raw of readLdifRecords(path, onChunk)) {
    try {
      yield { ok: true, rec: parseLdifRecord(raw, mapping, first) };
    } catch (e) {
      if (!(e instanceof LdifSyntaxError)) throw e;
      yield { ok: false, error: e };
    } finally {
      first = false;
    }
  }
}

/** The DN a modrdn record gives its entry. */
export function modDnTarget(dn: string, newRdn: string, newSuperior?: string): string {
  const parent = newSuperior ?? parentDn(dn);
  return parent ? `${newRdn},${parent}` : newRdn;
}

function rdnOf(dn: string): { attr: string; value: string } | null {
  const rdn = splitDn(dn)[0];
  const eq = rdn?.indexOf("=") ?? -1;
  return rdn && eq > 0 ? { attr: rdn.slice(0, eq).trim(), value: unescapeDnValue(rdn.slice(eq + 1)) } : null;
}

/** Turns the change file's records into DeltaChanges, tracking entries it touches. */
class ChangeReader {
  constructor(
    private readonly mapping: EntryMapping,
    private readonly file: string,
    /** normalized DN -> entry (null: deleted); seeded from the entries file, updated as records apply. */
    private readonly known: Map<string, DirEntry | null>,
    private readonly entriesPath: string,
    /** the normalized DNs the file's change records name: only these are remembered. */
    private readonly wanted: Set<string>,
  ) {}

  private remember(key: string, entry: DirEntry | null): void {
    if (this.wanted.has(key)) this.known.set(key, entry);
  }

  /** The anchor of an entry known only by its DN: from a known entry, the DN itself, or an RDN naming the anchor attribute. */
  private anchorFor(dn: string, entry: DirEntry | null | undefined): string | undefined {
    if (this.mapping.anchorIsDn) return normalizeDn(dn);
    if (entry) {
      const a = this.mapping.anchorOf(entry);
      if ("anchor" in a) return a.anchor;
    }
    const rdn = rdnOf(dn);
    return rdn && rdn.attr.toLowerCase() === this.mapping.config.anchor.toLowerCase() ? rdn.value : undefined;
  }

  private unknown(where: string, source: SourceLocation, dn: string, what: string): DeltaImportItem {
    return recordError("ldif-delta-unknown-entry", where, `${what} of ${dn}, which is neither earlier in this file nor in ${this.entriesPath}`, source, { dn });
  }

  /** The changes of one record (a rename anchored on the DN gives two). */
  read(rec: LdifRecord): DeltaImportItem[] {
    if (rec.kind === "version") return [];
    const source = { file: this.file, line: rec.line };
    const where = `${this.file}:${rec.line}`;
    const { mapping, known } = this;
    const entry = rec.kind === "content" ? rec.entry : rec.change.kind === "add" ? { dn: rec.change.dn, attrs: rec.change.attrs } : null;
    if (entry) {
      const a = mapping.anchorOf(entry);
      if ("code" in a) return [recordError("ldif-missing-anchor", where, a.reason, source, { dn: entry.dn })];
      this.remember(normalizeDn(entry.dn), entry);
      return [{ kind: "change", op: "add", anchor: a.anchor, dn: entry.dn, objectType: mapping.objectTypeOf(entry.attrs), attrs: entry.attrs, complete: true, source }];
    }
    if (rec.kind !== "change") return [];
    const change = rec.change;
    const key = normalizeDn(change.dn);
    const base = known.get(key);
    const anchor = this.anchorFor(change.dn, base);
    if (change.kind === "delete") {
      if (anchor === undefined) return [this.unknown(where, source, change.dn, "a delete")];
      this.remember(key, null);
      return [{ kind: "change", op: "delete", anchor, dn: change.dn, source }];
    }
    if (change.kind === "modify") {
      const needsBase = change.mods.some((m) => m.op === "add" || (m.op === "delete" && m.values.length > 0));
      if (anchor === undefined || (needsBase && !base)) return [this.unknown(where, source, change.dn, "a modify")];
      const after = base ? applyMods(base.attrs, change.mods) : applyMods({}, change.mods);
      const attrs: AttrValues = {};
      for (const m of change.mods) attrs[findAttr(attrs, m.attr) ?? m.attr] = getAttr(after, m.attr) ?? [];
      if (base) this.remember(key, { dn: base.dn, attrs: after });
      const out: DeltaChange = { kind: "change", op: "update", anchor, dn: base?.dn ?? change.dn, attrs, source };
      if (base) out.objectType = mapping.objectTypeOf(after);
      return [out];
    }
    if (change.kind !== "moddn") return [];
    const newDn = modDnTarget(change.dn, change.newRdn, change.newSuperior);
    const oldRdn = rdnOf(change.dn);
    const nextRdn = rdnOf(newDn);
    const rdnMods: Modification[] = [];
    if (change.deleteOldRdn && oldRdn) rdnMods.push({ op: "delete", attr: oldRdn.attr, values: [oldRdn.value] });
    if (nextRdn) rdnMods.push({ op: "add", attr: nextRdn.attr, values: [nextRdn.value] });
    const moved = base ? { dn: newDn, attrs: applyMods(base.attrs, rdnMods) } : null;
    this.remember(key, null);
    if (moved) this.remember(normalizeDn(newDn), moved);
    const newAnchor = this.anchorFor(newDn, moved);
    if (anchor === undefined || newAnchor === undefined) return [this.unknown(where, source, change.dn, "a modrdn")];
    if (newAnchor !== anchor) {
      // The anchor changes with the name (anchored on the DN or on the RDN attribute): a delete and an add.
      if (!moved) return [this.unknown(where, source, change.dn, "a modrdn that changes the anchor")];
      return [
        { kind: "change", op: "delete", anchor, dn: change.dn, source },
        { kind: "change", op: "add", anchor: newAnchor, dn: newDn, objectType: mapping.objectTypeOf(moved.attrs), attrs: moved.attrs, complete: true, source },
      ];
    }
    const out: DeltaChange = { kind: "change", op: "rename", anchor, dn: newDn, source };
    if (moved) {
      out.attrs = {};
      for (const m of rdnMods) out.attrs[findAttr(out.attrs, m.attr) ?? m.attr] = getAttr(moved.attrs, m.attr) ?? [];
      out.objectType = mapping.objectTypeOf(moved.attrs);
    }
    return [out];
  }
}

/** The change file's fingerprint and the normalized DNs its change records name. */
async function survey(path: string, mapping: EntryMapping): Promise<{ fingerprint: string; dns: Set<string> }> {
  const hash = createHash("sha256");
  let size = 0;
  const dns = new Set<string>();
  for await (const p of parsedRecords(path, mapping, (chunk) => {
    hash.update(chunk);
    size += chunk.length;
  })) {
    if (p.ok && p.rec.kind === "change" && p.rec.change.kind !== "add") dns.add(normalizeDn(p.rec.change.dn));
  }
  return { fingerprint: `sha256:${hash.digest("hex")}:${size}`, dns };
}

/** The delta import of an LDIF MA (see the file comment). `watermark`: the fingerprint of the last file applied. */
export async function ldifDeltaImport(config: LdifConfig, watermark: string | null, batchSize?: number): Promise<DeltaImport> {
  const mapping = new EntryMapping(config);
  const path = config.deltaPath ?? config.path;
  const { fingerprint, dns } = await survey(path, mapping);
  const known = new Map<string, DirEntry | null>();
  async function* changes(): AsyncGenerator<DeltaImportItem> {
    if (fingerprint === watermark) return;
    if (dns.size && config.path !== path && (await fileExists(config.path))) {
      for await (const item of readLdifEntries(config.path, mapping)) {
        if (item.kind === "entry" && dns.has(normalizeDn(item.entry.dn))) known.set(normalizeDn(item.entry.dn), item.entry);
      }
    }
    const reader = new ChangeReader(mapping, path, known, config.path, dns);
    for await (const p of parsedRecords(path, mapping)) {
      if (!p.ok) yield recordError("ldif-bad-record", `${path}:${p.error.line}`, p.error.message, { file: path, line: p.error.line });
      else yield* reader.read(p.rec);
    }
  }
  return { changes: inBatches(changes(), batchSize ?? DEFAULT_BATCH_SIZE), watermark: () => fingerprint };
}
