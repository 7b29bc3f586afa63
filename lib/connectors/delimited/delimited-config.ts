// Settings of a delimited-text MA: the zod schema (also the MA Designer's validation) and the
// fields the Designer renders.

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { dnTemplateSetting, templateAttributes } from "../shared/dn-template.ts";
import { FILE_ENCODINGS } from "../file-common/text-file.ts";

const column = z.string().trim().min(1, "a column name is required");

/** Named delimiters the Designer offers; any other single character works too. */
export const NAMED_DELIMITERS: Record<string, string> = { comma: ",", tab: "\t", semicolon: ";", pipe: "|", space: " " };

const delimiter = z
  .string()
  .transform((d) => NAMED_DELIMITERS[d.toLowerCase()] ?? d)
  .refine((d) => d.length === 1 && d !== "\n" && d !== "\r", 'the delimiter must be one character (or comma, tab, semicolon, pipe, space)');

/** The config of a delimited-text MA. */
export const delimitedConfigSchema = z
  .strictObject({
    /** the file (read by imports, rewritten atomically by exports). */
    path: z.string().trim().min(1, "the file path is required"),
    /** column holding each record's anchor. */
    anchor: column,
    /** object type of every record, unless objectTypeColumn says otherwise. */
    objectType: z.string().trim().min(1).default("person"),
    objectTypeColumn: column.optional(),
    /** DN from columns, e.g. `uid={uid},ou=people`; without it the DN is the anchor value. */
    dnTemplate: dnTemplateSetting(),
    delimiter: delimiter.default(","),
    /** the text qualifier around fields holding delimiters, qualifiers or line breaks; "" for none. */
    qualifier: z.string().max(1, "the qualifier is one character (or empty for none)").default('"'),
    /** doubled: `""` inside a qualified field; backslash: `\` makes the next character literal. */
    escape: z.enum(["doubled", "backslash"]).default("doubled"),
    /** the first line names the columns. */
    header: z.boolean().default(true),
    /** declared columns (required without a header; with a header, the header line is skipped). */
    columns: z.array(column).min(1).optional(),
    encoding: z.enum(FILE_ENCODINGS).default("utf8"),
    /** write a byte order mark; default: keep the file's (a new file: UTF-16 yes, UTF-8 no). */
    bom: z.boolean().optional(),
    multiValued: z.array(column).default([]),
    /** separator: values joined in one field; rows: consecutive rows with the same anchor. */
    multiValueMode: z.enum(["separator", "rows"]).default("separator"),
    multiValueSeparator: z.string().min(1).default("|"),
    /** columns whose values are DNs of other records (manager, member). */
    referenceColumns: z.array(column).default([]),
    /** column with add / update / delete: the file is a change file and delta import reads it. */
    changeTypeColumn: column.optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (c.qualifier === c.delimiter) issue("qualifier", "the qualifier must differ from the delimiter");
    if (c.multiValueMode === "separator" && c.multiValueSeparator.includes(c.delimiter)) issue("multiValueSeparator", "the multi-value separator must differ from the delimiter");
    if (!c.header && !c.columns) issue("columns", "declare the columns when the file has no header row");
    if (c.columns) {
      if (new Set(c.columns).size !== c.columns.length) issue("columns", "a column is declared twice");
      const named: [string, string | undefined][] = [["anchor", c.anchor], ["objectTypeColumn", c.objectTypeColumn], ["changeTypeColumn", c.changeTypeColumn]];
      for (const t of templateAttributes(c.dnTemplate)) named.push(["dnTemplate", t]);
      for (const [path, name] of named) if (name && !c.columns.includes(name)) issue(path, `"${name}" is not a declared column`);
    }
  });

/** Config after defaults. */
export type DelimitedConfig = z.output<typeof delimitedConfigSchema>;

/** The MA Designer's settings page for a delimited-text MA. */
export const delimitedConfigFields: ConfigField[] = [
  { name: "path", label: "File", kind: "path", required: true, help: "Absolute path of the file on the IdSync server." },
  { name: "delimiter", label: "Delimiter", kind: "select", options: ["comma", "tab", "semicolon", "pipe", "space"], default: ",", help: "Or any single character.", page: "scope" },
  { name: "qualifier", label: "Text qualifier", kind: "text", default: '"', help: "Encloses fields with delimiters or line breaks; empty for none.", page: "scope" },
  { name: "escape", label: "Qualifier escape", kind: "select", options: ["doubled", "backslash"], default: "doubled", help: 'doubled: "" in a field; backslash: \\ before a character makes it literal.', page: "scope" },
  { name: "header", label: "First row is a header", kind: "boolean", default: true, page: "scope" },
  { name: "columns", label: "Columns", kind: "list", help: "Declared column names, in order (required without a header row).", page: "scope" },
  { name: "encoding", label: "Encoding", kind: "select", options: [...FILE_ENCODINGS], default: "utf8", help: "A UTF-8 or UTF-16 byte order mark is read either way.", page: "scope" },
  { name: "bom", label: "Write a byte order mark", kind: "boolean", help: "Default: keep the file's.", page: "scope" },
  { name: "anchor", label: "Anchor column", kind: "text", required: true, help: "Column with the immutable identifier of each record, e.g. employeeId.", page: "anchor" },
  { name: "objectType", label: "Object type", kind: "text", default: "person", page: "objectTypes" },
  { name: "objectTypeColumn", label: "Object type column", kind: "text", help: "Optional: a column naming each record's object type.", page: "objectTypes" },
  { name: "dnTemplate", label: "DN template", kind: "text", help: "Optional, e.g. uid={uid},ou=people. Without it the DN is the anchor value.", page: "anchor" },
  { name: "multiValued", label: "Multi-valued columns", kind: "list", default: [], page: "attributes" },
  { name: "multiValueMode", label: "Multi-values by", kind: "select", options: ["separator", "rows"], default: "separator", help: "rows: consecutive rows with the same anchor are one record.", page: "scope" },
  { name: "multiValueSeparator", label: "Multi-value separator", kind: "text", default: "|", page: "scope" },
  { name: "referenceColumns", label: "Reference columns", kind: "list", default: [], help: "Columns holding DNs of other records (manager, member).", page: "attributes" },
  { name: "changeTypeColumn", label: "Change type column", kind: "text", help: "Optional: a column with add, update or delete; delta imports then read the file as changes.", page: "scope" },
];
