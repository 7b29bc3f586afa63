// Column types -> attribute types, database values -> attribute strings (import) and attribute
// strings -> parameters (export). Every attribute value is a string: booleans "true"/"false",
// binaries base64, timestamps ISO 8601 in UTC with milliseconds (dates stay yyyy-MM-dd).

import type { AttributeType } from "../../engine/types.ts";
import type { DialectKind } from "./sql-dialect.ts";

/** The attribute type of a catalog type name (lower-cased). */
export function attributeType(kind: DialectKind, dataType: string): AttributeType {
  const t = dataType.toLowerCase();
  if (kind === "mysql" && /^(tinyint\(1\)|bit\(1\)|bool)/.test(t)) return "boolean";
  if (/^(bool|boolean)$/.test(t)) return "boolean";
  if (kind === "sqlite") {
    if (t.includes("int")) return "integer";
    if (t.includes("bool")) return "boolean";
    if (t.includes("date") || t.includes("time")) return "datetime";
    if (t.includes("blob")) return "binary";
    return "string";
  }
  if (/^(smallint|integer|bigint|int[248]?|tinyint|mediumint|int\(|smallint\(|bigint\(|tinyint\(|mediumint\(|smallserial|serial|bigserial)/.test(t)) return "integer";
  if (/^(timestamp|date|datetime)/.test(t)) return "datetime";
  if (/^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary)/.test(t)) return "binary";
  return "string";
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A database timestamp as ISO 8601 UTC with milliseconds; a value without zone is read as UTC. */
export function normalizeDatetime(text: string): string {
  if (DATE_ONLY.test(text)) return text;
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return text;
  const [, date, time, fraction = "0", zone] = m;
  const ms = fraction.padEnd(3, "0").slice(0, 3);
  let tz = zone ?? "Z";
  if (/^[+-]\d{2}$/.test(tz)) tz += ":00";
  else if (/^[+-]\d{4}$/.test(tz)) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const at = Date.parse(`${date}T${time!.length === 5 ? `${time}:00` : time}.${ms}${tz.toUpperCase()}`);
  return Number.isNaN(at) ? text : new Date(at).toISOString();
}

function truthy(v: unknown): string {
  if (typeof v === "string") return v === "t" || v === "1" || v.toLowerCase() === "true" ? "true" : "false";
  return v === 1 || v === 1n || v === true ? "true" : "false";
}

/** Reads one column's values into attribute strings (undefined for NULL). */
export type ValueReader = (raw: unknown) => string | undefined;

function plain(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "bigint") return String(raw);
  if (Buffer.isBuffer(raw)) return raw.toString("base64");
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === "boolean") return raw ? "true" : "false";
  return JSON.stringify(raw);
}

/** The reader of a column of `type` for this dialect (pg hands every value over as text). */
export function valueReader(kind: DialectKind, type: AttributeType): ValueReader {
  switch (type) {
    case "boolean":
      return (raw) => (raw === null || raw === undefined ? undefined : truthy(raw));
    case "binary":
      if (kind === "postgres") return (raw) => (typeof raw === "string" && raw.startsWith("\\x") ? Buffer.from(raw.slice(2), "hex").toString("base64") : plain(raw));
      return plain;
    case "datetime":
      return (raw) => {
        const text = plain(raw);
        return text === undefined ? undefined : normalizeDatetime(text);
      };
    default:
      return plain;
  }
}

const TRUE = /^(true|t|1|yes|y|on)$/i;
const FALSE = /^(false|f|0|no|n|off)$/i;

/** An attribute string as the parameter to write into a column of `type`. */
export function toParam(kind: DialectKind, type: AttributeType, value: string | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "boolean":
      if (kind === "postgres") return value;
      return TRUE.test(value) ? 1 : FALSE.test(value) ? 0 : value;
    case "binary":
      return Buffer.from(value, "base64");
    case "datetime": {
      if (kind !== "mysql" || DATE_ONLY.test(value)) return value;
      // MariaDB/MySQL DATETIME takes neither "T" nor a zone: write UTC as "yyyy-MM-dd HH:mm:ss.SSS".
      const at = Date.parse(value);
      return Number.isNaN(at) ? value : new Date(at).toISOString().replace("T", " ").replace("Z", "");
    }
    default:
      return value;
  }
}
