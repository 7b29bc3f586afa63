// Parses one LDIF record (its logical lines) into an entry or a change record (RFC 2849): `dn:`,
// `changetype:` add/delete/modify/modrdn/moddn, `control:` lines (skipped), values as text, base64
// (`::`) or a file:// URL (`:<`), attribute options (`;lang-fr` kept in the name, `;binary` dropped).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AttrValues } from "../../engine/types.ts";
import { stripBinaryOption, type ChangeRecord, type DirEntry, type EntryMapping, type Modification } from "./entry-mapping.ts";
import type { LdifLine, RawLdifRecord } from "./ldif-lines.ts";

/** What one record holds. */
export type LdifRecord =
  | { kind: "version"; line: number }
  | { kind: "content"; line: number; entry: DirEntry }
  | { kind: "change"; line: number; change: ChangeRecord };

/** A record that breaks the grammar: names the physical line. */
export class LdifSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface AttrLine {
  name: string;
  kind: "text" | "base64" | "url";
  raw: string;
  line: number;
}

const ATTR_LINE = /^([A-Za-z0-9][A-Za-z0-9.;-]*)[ \t]*:([:<]?)[ ]*(.*)$/s;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function splitAttrLine(l: LdifLine): AttrLine {
  const m = ATTR_LINE.exec(l.text);
  if (!m) {
    const why = l.text.startsWith(" ") ? "a continuation line with nothing to continue" : `"${l.text.slice(0, 40)}" is not an "attribute: value" line`;
    throw new LdifSyntaxError(l.line, why);
  }
  return { name: m[1]!, kind: m[2] === ":" ? "base64" : m[2] === "<" ? "url" : "text", raw: m[3]!, line: l.line };
}

/** The bytes of a base64 value, or a syntax error naming the attribute. */
function base64Bytes(a: AttrLine): Buffer {
  const compact = a.raw.replace(/\s+/g, "");
  if (!BASE64.test(compact)) throw new LdifSyntaxError(a.line, `the base64 value of ${a.name} is not valid base64`);
  return Buffer.from(compact, "base64");
}

function urlBytes(a: AttrLine): Buffer {
  const url = a.raw.trim();
  if (!/^file:\/\//i.test(url)) throw new LdifSyntaxError(a.line, `the value URL of ${a.name} must be a file:// URL, got "${url}"`);
  try {
    return readFileSync(fileURLToPath(url));
  } catch (e) {
    throw new LdifSyntaxError(a.line, `the value file of ${a.name} (${url}) cannot be read: ${(e as Error).message}`);
  }
}

/** Decodes a value: binary attributes become base64 text, others must be UTF-8 text. */
function valueOf(a: AttrLine, binary: boolean): string {
  if (a.kind === "text") {
    if (a.raw.includes("\uFFFD")) throw new LdifSyntaxError(a.line, `the value of ${a.name} is not valid UTF-8`);
    return binary ? Buffer.from(a.raw, "utf8").toString("base64") : a.raw;
  }
  const bytes = a.kind === "base64" ? base64Bytes(a) : urlBytes(a);
  if (binary) return bytes.toString("base64");
  try {
    return utf8.decode(bytes);
  } catch {
    throw new LdifSyntaxError(a.line, `the value of ${a.name} is not UTF-8 text; list the attribute under binary attributes to read it as bytes`);
  }
}

/** A text value that must not be a URL (dn, newrdn, changetype, ...). */
function plainValue(a: AttrLine): string {
  if (a.kind === "url") throw new LdifSyntaxError(a.line, `${a.name} cannot be given as a URL`);
  return valueOf(a, false);
}

function readAttributes(lines: LdifLine[], from: number, mapping: EntryMapping): AttrValues {
  const attrs: AttrValues = {};
  /** lowercase name -> the spelling used first, so `CN` and `cn` are one attribute. */
  const spelled = new Map<string, string>();
  for (let i = from; i < lines.length; i++) {
    const a = splitAttrLine(lines[i]!);
    const name = stripBinaryOption(a.name);
    const lower = name.toLowerCase();
    if (lower === "dn" || lower === "changetype") throw new LdifSyntaxError(a.line, `unexpected ${a.name} line inside a record`);
    const value = valueOf(a, mapping.isBinary(a.name));
    const key = spelled.get(lower);
    if (key === undefined) {
      spelled.set(lower, name);
      attrs[name] = [value];
    } else if (!attrs[key]!.includes(value)) attrs[key]!.push(value);
  }
  return attrs;
}

function readModify(lines: LdifLine[], from: number, mapping: EntryMapping): Modification[] {
  const mods: Modification[] = [];
  let i = from;
  while (i < lines.length) {
    const spec = splitAttrLine(lines[i]!);
    const op = spec.name.toLowerCase();
    if (op !== "add" && op !== "delete" && op !== "replace") throw new LdifSyntaxError(spec.line, `expected add:, delete: or replace: in a modify record, got "${spec.name}:"`);
    const attr = plainValue(spec).trim();
    if (!attr) throw new LdifSyntaxError(spec.line, `${op}: names no attribute`);
    const values: string[] = [];
    i += 1;
    while (i < lines.length && lines[i]!.text.trimEnd() !== "-") {
      const a = splitAttrLine(lines[i]!);
      if (a.name.toLowerCase() !== attr.toLowerCase()) throw new LdifSyntaxError(a.line, `expected a value of ${attr} or "-", got "${a.name}:"`);
      values.push(valueOf(a, mapping.isBinary(a.name)));
      i += 1;
    }
    i += 1; // the "-" (optional after the last modification)
    if (op === "add" && !values.length) throw new LdifSyntaxError(spec.line, `add: ${attr} has no values`);
    mods.push({ op, attr: stripBinaryOption(attr), values });
  }
  if (!mods.length) throw new LdifSyntaxError(lines[from - 1]!.line, "a modify record without modifications");
  return mods;
}

function readModDn(lines: LdifLine[], from: number, dn: string): ChangeRecord {
  const fields = new Map<string, AttrLine>();
  for (let i = from; i < lines.length; i++) {
    const a = splitAttrLine(lines[i]!);
    const key = a.name.toLowerCase();
    if (key !== "newrdn" && key !== "deleteoldrdn" && key !== "newsuperior") throw new LdifSyntaxError(a.line, `unexpected "${a.name}:" in a modrdn record`);
    fields.set(key, a);
  }
  const newRdn = fields.get("newrdn");
  const del = fields.get("deleteoldrdn");
  const last = lines.at(-1)!.line;
  if (!newRdn) throw new LdifSyntaxError(last, "a modrdn record needs newrdn:");
  if (!del) throw new LdifSyntaxError(last, "a modrdn record needs deleteoldrdn:");
  const flag = plainValue(del).trim();
  if (flag !== "0" && flag !== "1") throw new LdifSyntaxError(del.line, `deleteoldrdn must be 0 or 1, got "${flag}"`);
  const sup = fields.get("newsuperior");
  const change: ChangeRecord = { kind: "moddn", dn, newRdn: plainValue(newRdn).trim(), deleteOldRdn: flag === "1" };
  if (sup) change.newSuperior = plainValue(sup).trim();
  return change;
}

/**
 * Parses one record. `first` says whether it is the file's first record (where `version: 1` may
 * stand, alone or before the first dn:). Throws LdifSyntaxError naming the offending line.
 */
export function parseLdifRecord(raw: RawLdifRecord, mapping: EntryMapping, first: boolean): LdifRecord {
  let lines = raw.lines;
  if (first && /^version[ \t]*:/i.test(lines[0]!.text)) {
    const v = splitAttrLine(lines[0]!);
    if (v.raw.trim() !== "1") throw new LdifSyntaxError(v.line, `unsupported LDIF version "${v.raw.trim()}" (only version: 1)`);
    if (lines.length === 1) return { kind: "version", line: raw.line };
    lines = lines.slice(1);
  }
  const head = splitAttrLine(lines[0]!);
  if (head.name.toLowerCase() !== "dn") throw new LdifSyntaxError(head.line, `a record must start with dn:, got "${head.name}:"`);
  const dn = plainValue(head).trim();
  const line = head.line;
  let i = 1;
  while (i < lines.length && /^control[ \t]*:/i.test(lines[i]!.text)) i += 1;
  if (i < lines.length && /^changetype[ \t]*:/i.test(lines[i]!.text)) {
    const ct = splitAttrLine(lines[i]!);
    const type = plainValue(ct).trim().toLowerCase();
    i += 1;
    switch (type) {
      case "add": {
        const attrs = readAttributes(lines, i, mapping);
        if (!Object.keys(attrs).length) throw new LdifSyntaxError(ct.line, "an add record without attributes");
        return { kind: "change", line, change: { kind: "add", dn, attrs } };
      }
      case "delete":
        if (i < lines.length) throw new LdifSyntaxError(lines[i]!.line, "a delete record has no lines after changetype");
        return { kind: "change", line, change: { kind: "delete", dn } };
      case "modify":
        return { kind: "change", line, change: { kind: "modify", dn, mods: readModify(lines, i, mapping) } };
      case "modrdn":
      case "moddn":
        return { kind: "change", line, change: readModDn(lines, i, dn) };
      default:
        throw new LdifSyntaxError(ct.line, `unknown changetype "${type}" (add, delete, modify, modrdn, moddn)`);
    }
  }
  if (i !== 1) throw new LdifSyntaxError(lines[1]!.line, "control: lines belong to change records only");
  const attrs = readAttributes(lines, 1, mapping);
  if (!Object.keys(attrs).length) throw new LdifSyntaxError(line, "an entry without attributes");
  return { kind: "content", line, entry: { dn, attrs } };
}
