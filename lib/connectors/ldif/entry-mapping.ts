// The directory-entry model LDIF and DSML share: entries, change records, case-insensitive attribute
// access, DN normalization, and the mapping of an entry to an IdSync object (anchor, object type).

import { splitDn } from "../../engine/expression-dn.ts";
import type { AttrChange, AttrValues, FullImportItem, ImportRecordError, SourceLocation } from "../../engine/types.ts";
import type { EntryMappingConfig } from "./entry-mapping-config.ts";

/** An entry as read from a file: its DN and attribute values (binary values as base64). */
export interface DirEntry {
  dn: string;
  attrs: AttrValues;
}

/** One modification of a modify change record. */
export interface Modification {
  op: "add" | "delete" | "replace";
  attr: string;
  /** `delete` without values removes the attribute; `replace` without values too. */
  values: string[];
}

/** A change record (LDIF changetype / DSML request). */
export type ChangeRecord =
  | { kind: "add"; dn: string; attrs: AttrValues }
  | { kind: "delete"; dn: string }
  | { kind: "modify"; dn: string; mods: Modification[] }
  | { kind: "moddn"; dn: string; newRdn: string; deleteOldRdn: boolean; newSuperior?: string };

/** The key of an attribute name: lowercase, `;binary` dropped (a transfer option, not part of the name). */
export function attrKey(name: string): string {
  return stripBinaryOption(name).toLowerCase();
}

/** `userCertificate;binary` -> `userCertificate`; other options (`;lang-fr`) stay. */
export function stripBinaryOption(name: string): string {
  if (!name.includes(";")) return name;
  return name
    .split(";")
    .filter((part, i) => i === 0 || part.toLowerCase() !== "binary")
    .join(";");
}

/** The name `attrs` already uses for `name` (case-insensitively), or undefined. */
export function findAttr(attrs: AttrValues, name: string): string | undefined {
  if (Object.hasOwn(attrs, name)) return name;
  const key = name.toLowerCase();
  return Object.keys(attrs).find((n) => n.toLowerCase() === key);
}

/** Values of `name`, case-insensitively. */
export function getAttr(attrs: AttrValues, name: string): string[] | undefined {
  const found = findAttr(attrs, name);
  return found === undefined ? undefined : attrs[found];
}

/** Adds values to `name` under the spelling already used, dropping duplicates. */
export function addValues(attrs: AttrValues, name: string, values: string[]): void {
  const key = findAttr(attrs, name) ?? name;
  const list = (attrs[key] ??= []);
  for (const v of values) if (!list.includes(v)) list.push(v);
}

/** Sets (or with no values removes) `name`, keeping the spelling already used. */
export function setValues(attrs: AttrValues, name: string, values: string[]): void {
  const key = findAttr(attrs, name) ?? name;
  if (values.length) attrs[key] = [...new Set(values)];
  else delete attrs[key];
}

/** Applies LDAP modifications to a copy of `attrs`. */
export function applyMods(attrs: AttrValues, mods: Modification[]): AttrValues {
  const out: AttrValues = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, [...v]]));
  for (const m of mods) {
    if (m.op === "replace") setValues(out, m.attr, m.values);
    else if (m.op === "add") addValues(out, m.attr, m.values);
    else if (!m.values.length) setValues(out, m.attr, []);
    else {
      const remove = new Set(m.values);
      setValues(out, m.attr, (getAttr(out, m.attr) ?? []).filter((v) => !remove.has(v)));
    }
  }
  return out;
}

/** An engine AttrChange as LDAP modifications (`replace` wins, as the engine defines). */
export function attrChangeToMods(attr: string, change: AttrChange): Modification[] {
  if (change.replace) return [{ op: "replace", attr, values: change.replace.filter((v) => v !== "") }];
  const mods: Modification[] = [];
  const remove = (change.remove ?? []).filter((v) => v !== "");
  const add = (change.add ?? []).filter((v) => v !== "");
  if (remove.length) mods.push({ op: "delete", attr, values: remove });
  if (add.length) mods.push({ op: "add", attr, values: add });
  return mods;
}

/**
 * A DN in a comparable form: attribute types and values lowercased, insignificant spaces dropped,
 * escapes in canonical form. `UID=J\.Doe, OU=People` and `uid=j.doe,ou=people` compare equal.
 */
export function normalizeDn(dn: string): string {
  return splitDn(dn.trim())
    .map((rdn) =>
      rdn
        .split(/(?<!\\)\+/)
        .map((ava) => {
          const eq = ava.indexOf("=");
          if (eq < 0) return ava.trim().toLowerCase();
          return `${ava.slice(0, eq).trim().toLowerCase()}=${ava.slice(eq + 1).trim().toLowerCase()}`;
        })
        .join("+"),
    )
    .join(",");
}

/** How one MA maps entries to objects: anchor, object type, binary attributes. */
export class EntryMapping {
  private readonly binary: Set<string>;
  private readonly references: Set<string>;
  private readonly types: Map<string, string>;

  constructor(readonly config: EntryMappingConfig) {
    this.binary = new Set(config.binaryAttributes.map((a) => a.toLowerCase()));
    this.references = new Set(config.referenceAttributes.map((a) => a.toLowerCase()));
    this.types = new Map(Object.entries(config.objectTypes).map(([k, v]) => [k.toLowerCase(), v]));
  }

  get anchorIsDn(): boolean {
    return this.config.anchor.toLowerCase() === "dn";
  }

  private readonly binaryByName = new Map<string, boolean>();

  /** Whether values of this attribute (as written, options included) are bytes. */
  isBinary(name: string): boolean {
    let known = this.binaryByName.get(name);
    if (known === undefined) {
      const parts = name.toLowerCase().split(";");
      known = this.binary.has(parts[0]!) || parts.includes("binary");
      if (this.binaryByName.size < 10_000) this.binaryByName.set(name, known);
    }
    return known;
  }

  isReference(name: string): boolean {
    return this.references.has(name.toLowerCase().split(";")[0]!);
  }

  /** The anchor of an entry, or why it has none. */
  anchorOf(entry: DirEntry): { anchor: string } | { code: "missing-anchor"; reason: string } {
    if (this.anchorIsDn) {
      const anchor = normalizeDn(entry.dn);
      return anchor ? { anchor } : { code: "missing-anchor", reason: "the entry has an empty DN" };
    }
    const values = getAttr(entry.attrs, this.config.anchor) ?? [];
    if (values.length === 1 && values[0] !== "") return { anchor: values[0]! };
    if (values.length > 1) return { code: "missing-anchor", reason: `the anchor attribute "${this.config.anchor}" has ${values.length} values` };
    return { code: "missing-anchor", reason: `the entry has no anchor attribute "${this.config.anchor}"` };
  }

  /** The object type: a mapped objectClass (the most specific, i.e. last, mapped value), else the last objectClass. */
  objectTypeOf(attrs: AttrValues): string {
    const classes = getAttr(attrs, "objectClass") ?? [];
    for (let i = classes.length - 1; i >= 0; i--) {
      const mapped = this.types.get(classes[i]!.toLowerCase());
      if (mapped) return mapped;
    }
    return classes.at(-1) ?? this.config.defaultObjectType;
  }
}

/** Turns entries into import items, reporting missing and duplicate anchors with their place. */
export class ObjectBuilder {
  /** anchor -> line (or element number) where it was first seen; kept for the whole file to catch duplicates anywhere. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly mapping: EntryMapping,
    private readonly prefix: string,
  ) {}

  /**
   * `where` names the place in messages ("file:12" or "file:12 (entry 4)"); `place` is the number
   * a duplicate's message refers back to, and `describe` turns it into text again.
   */
  build(entry: DirEntry, where: string, source: SourceLocation, place: number, describe: (place: number) => string): FullImportItem {
    const anchored = this.mapping.anchorOf(entry);
    if ("code" in anchored) return recordError(`${this.prefix}-missing-anchor`, where, anchored.reason, source, { dn: entry.dn });
    const { anchor } = anchored;
    const first = this.seen.get(anchor);
    if (first !== undefined) {
      return recordError(`${this.prefix}-duplicate-anchor`, where, `anchor "${anchor}" was already used at ${describe(first)}`, source, { anchor, dn: entry.dn });
    }
    this.seen.set(anchor, place);
    return { kind: "object", object: { anchor, dn: entry.dn, objectType: this.mapping.objectTypeOf(entry.attrs), attrs: entry.attrs, source } };
  }
}

/** An ImportRecordError whose message starts with the place. */
export function recordError(code: string, where: string, reason: string, source: SourceLocation, ids: { anchor?: string; dn?: string } = {}): ImportRecordError {
  return { kind: "error", code, message: `${where}: ${reason}`, source, ...ids };
}
