// The settings LDIF and DSML MAs share: how a directory entry becomes an IdSync object (anchor,
// object type, binary and reference attributes). Spread into each type's zod schema and field list.

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";

const attributeName = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9-]*$|^[0-9]+(\.[0-9]+)*$/, "an attribute name (letters, digits, hyphens) or an OID");

/** Attributes whose values are bytes (kept as base64 strings) unless the config says otherwise. */
export const DEFAULT_BINARY_ATTRIBUTES = [
  "jpegPhoto",
  "photo",
  "thumbnailPhoto",
  "audio",
  "userCertificate",
  "cACertificate",
  "userSMIMECertificate",
  "userPKCS12",
  "certificateRevocationList",
  "authorityRevocationList",
  "crossCertificatePair",
  "objectGUID",
  "objectSid",
];

/** Attributes whose values are DNs of other entries. */
export const DEFAULT_REFERENCE_ATTRIBUTES = ["member", "uniqueMember", "manager", "owner", "secretary", "seeAlso", "roleOccupant"];

/** zod fields shared by the LDIF and DSML configs. */
export const entryMappingShape = {
  /** the attribute holding each entry's immutable identifier (entryUUID, uid, employeeNumber), or "dn". */
  anchor: z.union([z.literal("dn"), attributeName]).default("dn"),
  /** structural objectClass -> object type (case-insensitive); unmapped entries use their last objectClass value. */
  objectTypes: z.record(z.string().trim().min(1), z.string().trim().min(1)).default({}),
  /** object type of an entry without objectClass. */
  defaultObjectType: z.string().trim().min(1).default("entry"),
  /** attributes whose values are bytes, carried as base64 strings; a `;binary` option marks one too. */
  binaryAttributes: z.array(attributeName).default(DEFAULT_BINARY_ATTRIBUTES),
  /** attributes whose values are DNs (schema type "reference"). */
  referenceAttributes: z.array(attributeName).default(DEFAULT_REFERENCE_ATTRIBUTES),
};

/** The settings as parsed. */
export interface EntryMappingConfig {
  anchor: string;
  objectTypes: Record<string, string>;
  defaultObjectType: string;
  binaryAttributes: string[];
  referenceAttributes: string[];
}

/** MA Designer fields for the shared settings. */
export const entryMappingFields: ConfigField[] = [
  { name: "anchor", label: "Anchor attribute", kind: "text", default: "dn", help: "Attribute with the immutable identifier of each entry (entryUUID, uid, employeeNumber), or dn to anchor on the DN (a rename is then a delete and an add).", page: "anchor" },
  { name: "objectTypes", label: "Object types", kind: "list", default: {}, help: "objectClass=type pairs, e.g. inetOrgPerson=person. Entries of other classes take their last objectClass value as type.", page: "objectTypes" },
  { name: "defaultObjectType", label: "Object type without objectClass", kind: "text", default: "entry", page: "objectTypes" },
  { name: "binaryAttributes", label: "Binary attributes", kind: "list", default: DEFAULT_BINARY_ATTRIBUTES, help: "Values are bytes, carried as base64 text.", page: "attributes" },
  { name: "referenceAttributes", label: "Reference attributes", kind: "list", default: DEFAULT_REFERENCE_ATTRIBUTES, help: "Attributes holding DNs of other entries.", page: "attributes" },
];
