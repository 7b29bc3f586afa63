// Writes LDIF (RFC 2849): content records for entries, change records for exports. Values that are
// not SAFE-STRINGs (non-ASCII, leading space, colon or '<', trailing space, line breaks) and binary
// values are written base64 (`::`); lines are folded at 76 columns. The output is what ldapmodify reads.

import type { AttrValues } from "../../engine/types.ts";
import type { ChangeRecord, DirEntry, EntryMapping, Modification } from "./entry-mapping.ts";

const SAFE = /^(?:[\x01-\x09\x0B\x0C\x0E-\x1F\x21-\x39\x3B\x3D-\x7F][\x01-\x09\x0B\x0C\x0E-\x7F]*)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const WIDTH = 76;

/** Whether a binary value (base64 text) is well-formed base64. */
export function isBase64(value: string): boolean {
  return BASE64.test(value);
}

/** Folds a line at 76 columns (continuations start with one space). The text is ASCII here. */
function fold(line: string): string {
  if (line.length <= WIDTH) return line + "\n";
  let out = line.slice(0, WIDTH) + "\n";
  for (let i = WIDTH; i < line.length; i += WIDTH - 1) out += " " + line.slice(i, i + WIDTH - 1) + "\n";
  return out;
}

/** One `name: value` line (folded); `binary` values are base64 already. */
export function ldifLine(name: string, value: string, binary = false): string {
  if (binary) return fold(`${name}:: ${value}`);
  if (SAFE.test(value) && !value.endsWith(" ")) return fold(`${name}: ${value}`);
  return fold(`${name}:: ${Buffer.from(value, "utf8").toString("base64")}`);
}

/** The objectClass values first (as directories expect), then the rest in their order. */
function orderedNames(attrs: AttrValues): string[] {
  const names = Object.keys(attrs);
  return [...names.filter((n) => n.toLowerCase() === "objectclass"), ...names.filter((n) => n.toLowerCase() !== "objectclass")];
}

function attrLines(attrs: AttrValues, mapping: EntryMapping): string {
  let out = "";
  for (const name of orderedNames(attrs)) {
    const binary = mapping.isBinary(name);
    for (const v of attrs[name]!) out += ldifLine(name, v, binary);
  }
  return out;
}

/** The file header. */
export const LDIF_HEADER = "version: 1\n\n";

/** A content record (ends with its blank line). */
export function ldifEntry(entry: DirEntry, mapping: EntryMapping): string {
  return ldifLine("dn", entry.dn) + attrLines(entry.attrs, mapping) + "\n";
}

function modLines(m: Modification, mapping: EntryMapping): string {
  const binary = mapping.isBinary(m.attr);
  let out = `${m.op}: ${m.attr}\n`;
  for (const v of m.values) out += ldifLine(m.attr, v, binary);
  return out + "-\n";
}

/** A change record (ends with its blank line). */
export function ldifChange(change: ChangeRecord, mapping: EntryMapping): string {
  const head = ldifLine("dn", change.dn);
  switch (change.kind) {
    case "add":
      return head + "changetype: add\n" + attrLines(change.attrs, mapping) + "\n";
    case "delete":
      return head + "changetype: delete\n\n";
    case "modify":
      return head + "changetype: modify\n" + change.mods.map((m) => modLines(m, mapping)).join("") + "\n";
    case "moddn": {
      let out = head + "changetype: modrdn\n" + ldifLine("newrdn", change.newRdn) + `deleteoldrdn: ${change.deleteOldRdn ? 1 : 0}\n`;
      if (change.newSuperior !== undefined) out += ldifLine("newsuperior", change.newSuperior);
      return out + "\n";
    }
  }
}
