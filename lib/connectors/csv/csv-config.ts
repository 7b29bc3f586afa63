// Settings of a CSV management agent: the zod schema (also the MA Designer's validation) and the
// field list the Designer renders.

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { dnTemplateSetting } from "../shared/dn-template.ts";

const column = z.string().trim().min(1, "a column name is required");

/** The config of a CSV MA. */
export const csvConfigSchema = z
  .strictObject({
    /** the CSV file (read by imports, rewritten atomically by exports). */
    path: z.string().trim().min(1, "the file path is required"),
    /** column holding the anchor (immutable identifier) of each row. */
    anchor: column,
    /** object type of every row, unless objectTypeColumn says otherwise. */
    objectType: z.string().trim().min(1).default("person"),
    /** column holding each row's object type (empty cell: objectType). */
    objectTypeColumn: column.optional(),
    /** DN built from columns, e.g. `uid={uid},ou=people`; without it the DN is the anchor value. */
    dnTemplate: dnTemplateSetting("column"),
    /** columns that hold several values joined by multiValueSeparator. */
    multiValued: z.array(column).default([]),
    multiValueSeparator: z.string().min(1).default("|"),
    delimiter: z.string().min(1).max(4).default(","),
    encoding: z.enum(["utf8", "latin1"]).default("utf8"),
    /** columns whose values are DNs of other rows of the same file (manager, member). */
    referenceColumns: z.array(column).default([]),
  })
  .refine((c) => c.multiValueSeparator !== c.delimiter, {
    message: "the multi-value separator must differ from the delimiter",
    path: ["multiValueSeparator"],
  });

/** Config after defaults. */
export type CsvConfig = z.output<typeof csvConfigSchema>;

/** The MA Designer's settings page for a CSV MA. */
export const csvConfigFields: ConfigField[] = [
  { name: "path", label: "File", kind: "path", required: true, help: "Absolute path of the CSV file on the IdSync server." },
  { name: "anchor", label: "Anchor column", kind: "text", required: true, help: "Column with the immutable identifier of each row, e.g. employeeId.", page: "anchor" },
  { name: "objectType", label: "Object type", kind: "text", default: "person", page: "objectTypes" },
  { name: "objectTypeColumn", label: "Object type column", kind: "text", help: "Optional: a column naming each row's object type.", page: "objectTypes" },
  { name: "dnTemplate", label: "DN template", kind: "text", help: "Optional, e.g. uid={uid},ou=people. Without it the DN is the anchor value.", page: "anchor" },
  { name: "multiValued", label: "Multi-valued columns", kind: "list", default: [], page: "attributes" },
  { name: "multiValueSeparator", label: "Multi-value separator", kind: "text", default: "|", page: "scope" },
  { name: "delimiter", label: "Delimiter", kind: "select", options: [",", ";", "\t", "|"], default: ",", page: "scope" },
  { name: "encoding", label: "Encoding", kind: "select", options: ["utf8", "latin1"], default: "utf8", page: "scope" },
  { name: "referenceColumns", label: "Reference columns", kind: "list", default: [], help: "Columns holding DNs of other rows (manager, member).", page: "attributes" },
];
