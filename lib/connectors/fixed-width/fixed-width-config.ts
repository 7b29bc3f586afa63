// Settings of a fixed-width text MA: declared columns (name, 1-based start, length, alignment and
// pad character), an optional record-type field mapping record codes to object types, and the
// fields the MA Designer renders.

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { dnTemplateSetting, templateAttributes } from "../shared/dn-template.ts";
import { FILE_ENCODINGS } from "../file-common/text-file.ts";

const name = z.string().trim().min(1, "a column name is required");
const position = z.number().int().min(1, "positions start at 1");

/** One declared column. Positions count characters from 1. */
export const fixedWidthColumnSchema = z.strictObject({
  name,
  start: position,
  length: z.number().int().min(1),
  /** left: text then pad characters (the default); right: pad characters then text (numbers). */
  align: z.enum(["left", "right"]).default("left"),
  /** the pad character written to fill the column (e.g. "0" for right-aligned numbers). */
  pad: z.string().length(1, "the pad is one character").default(" "),
  /** record types (object types) that have this column; absent: every record. */
  objectTypes: z.array(z.string().trim().min(1)).optional(),
});

export type FixedWidthColumn = z.output<typeof fixedWidthColumnSchema>;

/** The config of a fixed-width MA. */
export const fixedWidthConfigSchema = z
  .strictObject({
    path: z.string().trim().min(1, "the file path is required"),
    /** column holding each record's anchor. */
    anchor: name,
    /** object type of every record when there is no record-type field. */
    objectType: z.string().trim().min(1).default("person"),
    columns: z.array(fixedWidthColumnSchema).min(1, "declare at least one column"),
    /** the record-type field: where the code is, and code -> object type. */
    recordType: z
      .strictObject({ start: position, length: z.number().int().min(1), types: z.record(z.string().min(1), z.string().trim().min(1)) })
      .refine((r) => Object.keys(r.types).length > 0, "map at least one record code to an object type")
      .optional(),
    /** trim spaces around values after the pad characters are stripped. */
    trim: z.boolean().default(true),
    dnTemplate: dnTemplateSetting(),
    encoding: z.enum(FILE_ENCODINGS).default("utf8"),
    bom: z.boolean().optional(),
    multiValued: z.array(name).default([]),
    /** separator: values joined in one column; rows: consecutive records with the same anchor. */
    multiValueMode: z.enum(["separator", "rows"]).default("separator"),
    multiValueSeparator: z.string().min(1).default("|"),
    referenceColumns: z.array(name).default([]),
    /** column with add / update / delete: the file is a change file and delta import reads it. */
    changeTypeColumn: name.optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const names = c.columns.map((col) => col.name);
    names.forEach((n, i) => names.indexOf(n) !== i && issue(["columns", i, "name"], `column "${n}" is declared twice`));
    for (const [path, n] of [["anchor", c.anchor], ["changeTypeColumn", c.changeTypeColumn], ...templateAttributes(c.dnTemplate).map((t) => ["dnTemplate", t])] as [string, string | undefined][]) {
      if (n && !names.includes(n)) issue([path], `"${n}" is not a declared column`);
    }
    const types = c.recordType ? new Set(Object.values(c.recordType.types)) : new Set([c.objectType]);
    const spans = (t: string) => [
      ...(c.recordType ? [{ name: "(record type)", start: c.recordType.start, length: c.recordType.length }] : []),
      ...c.columns.filter((col) => !col.objectTypes || col.objectTypes.includes(t)),
    ];
    for (const t of types) {
      const list = spans(t).sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        if (prev.start + prev.length > list[i]!.start) issue(["columns"], `columns "${prev.name}" and "${list[i]!.name}" overlap${c.recordType ? ` in records of type ${t}` : ""}`);
      }
      if (!spans(t).some((col) => col.name === c.anchor)) issue(["anchor"], `records of type ${t} have no anchor column "${c.anchor}"`);
    }
    c.columns.forEach((col, i) => {
      for (const t of col.objectTypes ?? []) if (!types.has(t)) issue(["columns", i, "objectTypes"], `"${t}" is not an object type of the record types`);
    });
  });

/** Config after defaults. */
export type FixedWidthConfig = z.output<typeof fixedWidthConfigSchema>;

/** The MA Designer's settings page for a fixed-width MA. */
export const fixedWidthConfigFields: ConfigField[] = [
  { name: "path", label: "File", kind: "path", required: true, help: "Absolute path of the file on the IdSync server." },
  { name: "columns", label: "Columns", kind: "list", required: true, help: "name, start (from 1), length, align (left/right), pad character, object types.", page: "scope" },
  { name: "anchor", label: "Anchor column", kind: "text", required: true, page: "anchor" },
  { name: "objectType", label: "Object type", kind: "text", default: "person", page: "objectTypes" },
  { name: "recordType", label: "Record type field", kind: "text", help: "Optional: start, length and record code -> object type, when one file holds several object types.", page: "objectTypes" },
  { name: "trim", label: "Trim spaces", kind: "boolean", default: true, page: "scope" },
  { name: "dnTemplate", label: "DN template", kind: "text", help: "Optional, e.g. uid={uid},ou=people. Without it the DN is the anchor value.", page: "anchor" },
  { name: "encoding", label: "Encoding", kind: "select", options: [...FILE_ENCODINGS], default: "utf8", page: "scope" },
  { name: "bom", label: "Write a byte order mark", kind: "boolean", help: "Default: keep the file's.", page: "scope" },
  { name: "multiValued", label: "Multi-valued columns", kind: "list", default: [], page: "attributes" },
  { name: "multiValueMode", label: "Multi-values by", kind: "select", options: ["separator", "rows"], default: "separator", help: "rows: consecutive records with the same anchor are one object.", page: "scope" },
  { name: "multiValueSeparator", label: "Multi-value separator", kind: "text", default: "|", page: "scope" },
  { name: "referenceColumns", label: "Reference columns", kind: "list", default: [], page: "attributes" },
  { name: "changeTypeColumn", label: "Change type column", kind: "text", help: "Optional: a column with add, update or delete; delta imports then read the file as changes.", page: "scope" },
];
