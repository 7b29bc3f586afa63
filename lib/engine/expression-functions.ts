// The identity helpers registered on every compiled expression (see expressions.ts for the list).
// String helpers map over arrays so they work on multi-valued attributes, and pass undefined through
// (JSONata's convention: a missing attribute yields no value, not an error).

import { convertDate } from "./expression-dates.ts";
import { buildDn, escapeDn, parentDn, rdnValue } from "./expression-dn.ts";

type Value = unknown;

/** Applies `fn` to a string or to every entry of an array; undefined/null stay undefined. */
function mapStrings(value: Value, fn: (s: string) => Value): Value {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const out = value.filter((v) => v !== undefined && v !== null).map((v) => fn(String(v)));
    return out;
  }
  return fn(String(value));
}

/** True for the values `$coalesce` skips. */
function isEmpty(value: Value): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every(isEmpty);
  return false;
}

/** Letters NFD does not decompose but that users expect folded in logins and mail addresses. */
const FOLD: Record<string, string> = {
  ß: "ss", æ: "ae", Æ: "AE", ø: "o", Ø: "O", œ: "oe", Œ: "OE", ł: "l", Ł: "L",
  đ: "d", Đ: "D", ð: "d", Ð: "D", þ: "th", Þ: "Th", ı: "i",
};
const FOLD_REGEX = new RegExp(`[${Object.keys(FOLD).join("")}]`, "g");

/** Removes diacritics: NFD then drop combining marks, plus the FOLD letters. */
export function normalizeText(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(FOLD_REGEX, (c) => FOLD[c] ?? c).normalize("NFC");
}

function toInt(n: Value, name: string): number {
  const v = typeof n === "string" ? Number(n) : n;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${name}: expected a number of characters, got ${JSON.stringify(n)}`);
  return Math.max(0, Math.trunc(v));
}

/** A flag word such as AD's userAccountControl ("514"), as an unsigned 32-bit integer. */
function toFlags(value: Value, name: string): number | undefined {
  const s = firstString(value);
  if (s === undefined || s.trim() === "") return undefined;
  const v = Number(s);
  if (!Number.isInteger(v)) throw new Error(`${name}: expected an integer, got ${JSON.stringify(s)}`);
  return v >>> 0;
}

/** `op` of a mask and a flag word (MIM's BitAnd/BitOr); a missing value stays missing. */
function bitwise(name: string, op: (a: number, b: number) => number): (mask: Value, value: Value) => Value {
  return (mask, value) => {
    const m = toFlags(mask, name);
    const v = toFlags(value, name);
    if (m === undefined) throw new Error(`${name}: the mask is required, e.g. ${name}(2, userAccountControl)`);
    return v === undefined ? undefined : op(m, v) >>> 0;
  };
}

function firstString(value: Value): string | undefined {
  if (Array.isArray(value)) return firstString(value[0]);
  if (value === undefined || value === null) return undefined;
  return String(value);
}

/** A helper: its JSONata name, implementation and signature (`-` lets `name.$lower()` use the context). */
export interface HelperFunction {
  name: string;
  implementation: (...args: Value[]) => Value;
  signature?: string;
}

/** Every synchronous helper; `$unique` is bound per evaluation because it needs the caller's checker. */
export const helperFunctions: HelperFunction[] = [
  { name: "lower", implementation: (s) => mapStrings(s, (x) => x.toLowerCase()), signature: "<x-:x>" },
  { name: "upper", implementation: (s) => mapStrings(s, (x) => x.toUpperCase()), signature: "<x-:x>" },
  // Replaces JSONata's $trim (which also collapses inner whitespace): identity data wants the plain trim.
  { name: "trim", implementation: (s) => mapStrings(s, (x) => x.trim()), signature: "<x-:x>" },
  {
    name: "left",
    implementation: (s, n) => mapStrings(s, (x) => Array.from(x).slice(0, toInt(n, "$left")).join("")),
    signature: "<x-n:x>",
  },
  {
    name: "right",
    implementation: (s, n) => {
      const count = toInt(n, "$right");
      return mapStrings(s, (x) => (count === 0 ? "" : Array.from(x).slice(-count).join("")));
    },
    signature: "<x-n:x>",
  },
  {
    name: "coalesce",
    implementation: (...values) => values.find((v) => !isEmpty(v)),
  },
  { name: "escapeDn", implementation: (s) => mapStrings(s, escapeDn), signature: "<x-:x>" },
  {
    name: "buildDn",
    implementation: (attr, value, parent) => {
      const v = firstString(value);
      const a = firstString(attr);
      if (v === undefined || v === "" || !a) return undefined;
      return buildDn(a, v, firstString(parent));
    },
  },
  { name: "rdnValue", implementation: (dn) => mapStrings(dn, (x) => rdnValue(x)), signature: "<x-:x>" },
  { name: "parentDn", implementation: (dn) => mapStrings(dn, parentDn), signature: "<x-:x>" },
  {
    name: "dateFormat",
    // $dateFormat(value, toPattern) or $dateFormat(value, fromPattern, toPattern).
    implementation: (value, a, b) => {
      const from = b === undefined ? undefined : firstString(a);
      const to = firstString(b === undefined ? a : b);
      if (!to) throw new Error("$dateFormat: a target pattern is required, e.g. $dateFormat(hireDate, 'yyyy-MM-dd')");
      return mapStrings(value, (x) => (x.trim() === "" ? undefined : convertDate(x, from, to)));
    },
  },
  { name: "normalize", implementation: (s) => mapStrings(s, normalizeText), signature: "<x-:x>" },
  // Flag words such as AD's userAccountControl: $bitAnd(2, userAccountControl) = 2 when disabled,
  // $bitOr(2, userAccountControl) disables, $bitAnd(4294967293, userAccountControl) enables.
  { name: "bitAnd", implementation: bitwise("$bitAnd", (a, b) => a & b) },
  { name: "bitOr", implementation: bitwise("$bitOr", (a, b) => a | b) },
];
