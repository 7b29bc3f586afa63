// Settings of an attribute-value pair (AVP) text MA: records of `name: value` (or `name=value`)
// lines, separated by a blank line or a marker line; repeated names make multi-valued attributes.

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { dnTemplateSetting } from "../shared/dn-template.ts";
import { FILE_ENCODINGS } from "../file-common/text-file.ts";

const name = z.string().trim().min(1, "an attribute name is required");

/** The config of an AVP MA. */
export const avpConfigSchema = z
  .strictObject({
    path: z.string().trim().min(1, "the file path is required"),
    /** attribute holding each record's anchor. */
    anchor: name,
    objectType: z.string().trim().min(1).default("person"),
    /** attribute naming each record's object type (absent: objectType). */
    objectTypeAttribute: name.optional(),
    dnTemplate: dnTemplateSetting(),
    /** between name and value: ":" (written `name: value`), "=", or another short string. */
    separator: z.string().min(1).max(3).refine((s) => !/[\r\n]/.test(s) && s.trim() === s, "the separator has no spaces or line breaks").default(":"),
    /** a line equal to this (after trimming) ends a record; without it a blank line does. */
    marker: z.string().trim().min(1).optional(),
    /** lines starting with this are comments. */
    commentPrefix: z.string().min(1).optional(),
    encoding: z.enum(FILE_ENCODINGS).default("utf8"),
    bom: z.boolean().optional(),
    /** attributes described as multi-valued by schema discovery (repeated names are always read). */
    multiValued: z.array(name).default([]),
    referenceAttributes: z.array(name).default([]),
    /** attribute with add / update / delete: the file is a change file and delta import reads it. */
    changeTypeAttribute: name.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.marker && c.marker.includes(c.separator)) ctx.addIssue({ code: "custom", path: ["marker"], message: "the marker must not contain the separator" });
    if (c.commentPrefix && c.marker?.startsWith(c.commentPrefix)) ctx.addIssue({ code: "custom", path: ["marker"], message: "the marker must not start with the comment prefix" });
  });

/** Config after defaults. */
export type AvpConfig = z.output<typeof avpConfigSchema>;

/** The MA Designer's settings page for an AVP MA. */
export const avpConfigFields: ConfigField[] = [
  { name: "path", label: "File", kind: "path", required: true, help: "Absolute path of the file on the IdSync server." },
  { name: "separator", label: "Name/value separator", kind: "select", options: [":", "="], default: ":", help: "Or another short string.", page: "scope" },
  { name: "marker", label: "Record marker line", kind: "text", help: "Optional, e.g. --- or %%. Without it a blank line ends a record.", page: "scope" },
  { name: "commentPrefix", label: "Comment prefix", kind: "text", help: "Optional, e.g. #.", page: "scope" },
  { name: "anchor", label: "Anchor attribute", kind: "text", required: true, page: "anchor" },
  { name: "objectType", label: "Object type", kind: "text", default: "person", page: "objectTypes" },
  { name: "objectTypeAttribute", label: "Object type attribute", kind: "text", help: "Optional: an attribute naming each record's object type.", page: "objectTypes" },
  { name: "dnTemplate", label: "DN template", kind: "text", help: "Optional, e.g. uid={uid},ou=people. Without it the DN is the anchor value.", page: "anchor" },
  { name: "encoding", label: "Encoding", kind: "select", options: [...FILE_ENCODINGS], default: "utf8", page: "scope" },
  { name: "bom", label: "Write a byte order mark", kind: "boolean", help: "Default: keep the file's.", page: "scope" },
  { name: "multiValued", label: "Multi-valued attributes", kind: "list", default: [], help: "Repeated names are read as several values either way.", page: "attributes" },
  { name: "referenceAttributes", label: "Reference attributes", kind: "list", default: [], page: "attributes" },
  { name: "changeTypeAttribute", label: "Change type attribute", kind: "text", help: "Optional: an attribute with add, update or delete; delta imports then read the file as changes.", page: "scope" },
];
