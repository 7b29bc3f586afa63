// Settings of an LDAP management agent: the zod schema (also the MA Designer's validation) and the
// field list the Designer renders. `bindPassword` is an MA secret (encrypted at rest by lib/store,
// decrypted before the connector sees it). The entry mapping (object types, binary and reference
// attributes) follows the LDIF/DSML connectors' settings (lib/connectors/ldif/entry-mapping-config.ts).

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { DEFAULT_BINARY_ATTRIBUTES, DEFAULT_REFERENCE_ATTRIBUTES } from "../ldif/entry-mapping-config.ts";

/**
 * How delta imports find changes, one per server family: the OpenLDAP accesslog, the retro
 * changelog of 389 DS / Sun / iPlanet / Netscape (cn=changelog), entries' modifyTimestamp on any
 * server, and Active Directory's DirSync control or uSNChanged. Each has its implementation in
 * LDAP_DELTA in ldap-delta-methods.ts.
 */
export const LDAP_DELTA_METHODS = ["accesslog", "changelog", "modifyTimestamp", "dirsync", "usn"] as const;
export type LdapDeltaMethodName = (typeof LDAP_DELTA_METHODS)[number];

/**
 * How a password is set: auto (RFC 3062 Password Modify when the server offers it, else a
 * userPassword replace), one of those two always, or Active Directory's unicodePwd (needs ldaps://
 * or StartTLS).
 */
export const LDAP_PASSWORD_METHODS = ["auto", "passwordModify", "userPassword", "unicodePwd"] as const;

const attributeName = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9-]*$|^[0-9]+(\.[0-9]+)*$/, "an attribute name (letters, digits, hyphens) or an OID");

const dn = z.string().trim().min(1, "a DN is required");

/** The config of an LDAP MA (see docs/connectors/ldap.md). */
export const ldapConfigSchema = z.strictObject({
  /** ldap://host:389 or ldaps://host:636. */
  url: z
    .string()
    .trim()
    .regex(/^ldaps?:\/\/[^\s/]+\/?$/i, "an LDAP URL like ldap://host:389 or ldaps://host:636"),
  /** the account the MA binds as (it must be able to read the accesslog for delta imports). */
  bindDn: dn,
  /** an MA secret. */
  bindPassword: z.string().min(1, "a bind password is required"),
  /** the subtree the MA manages. */
  baseDn: dn,
  scope: z.enum(["sub", "one"]).default("sub"),
  /** an RFC 4515 filter ANDed with the object-type filter. */
  filter: z
    .string()
    .trim()
    .regex(/^\(.*\)$/s, "an LDAP filter in parentheses, e.g. (objectClass=*)")
    .default("(objectClass=*)"),
  /** objectClass -> object type (case-insensitive); when set, only entries of these classes are in scope. */
  objectTypes: z.record(z.string().trim().min(1), z.string().trim().min(1)).default({}),
  /** the attribute holding each entry's immutable identifier; operational ones are requested explicitly. */
  anchor: attributeName.default("entryUUID"),
  /** attributes to read; empty: every user attribute (`*`). The anchor and objectClass are always read. */
  attributes: z.array(attributeName).default([]),
  /** attributes whose values are bytes, carried as base64 strings. */
  binaryAttributes: z.array(attributeName).default(DEFAULT_BINARY_ATTRIBUTES),
  /** attributes whose values are DNs (schema type "reference"). */
  referenceAttributes: z.array(attributeName).default(DEFAULT_REFERENCE_ATTRIBUTES),
  /** entries per page of the Simple Paged Results control. */
  pageSize: z.coerce.number().int().min(1).max(100_000).default(500),
  /** per-operation timeout. */
  timeoutMs: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  connectTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** upgrade an ldap:// connection with StartTLS before binding. */
  startTls: z.boolean().default(false),
  /** a PEM file of CA certificates trusted (besides the system's) for the server's certificate. */
  tlsCaFile: z.string().trim().default(""),
  /** the name the server's certificate is checked against when the URL's host is not in it (e.g. an IP address). */
  tlsServerName: z.string().trim().default(""),
  /** the SHA-256 fingerprint of a server certificate trusted as it is (the explicit "trust this certificate" choice). */
  tlsTrustFingerprint: z
    .string()
    .trim()
    .regex(/^$|^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, "a SHA-256 fingerprint: 32 hex bytes, e.g. AB:CD:...")
    .default(""),
  /** where delta imports read changes (see ldap-delta-methods.ts and the flavours table in docs/connectors/ldap.md). */
  deltaMethod: z.enum(LDAP_DELTA_METHODS).default("accesslog"),
  /** the accesslog database read by the "accesslog" delta method (slapo-accesslog). */
  accesslogDn: dn.default("cn=accesslog"),
  /** the retro changelog read by the "changelog" delta method (389 DS, Sun/Oracle DSEE, iPlanet). */
  changelogDn: dn.default("cn=changelog"),
  /** how passwords are set (ldap-password.ts). */
  passwordMethod: z.enum(LDAP_PASSWORD_METHODS).default("auto"),
  /** export operations in flight at once on the connection. */
  exportConcurrency: z.coerce.number().int().min(1).max(64).default(8),
});

/** Config after defaults. */
export type LdapConfig = z.output<typeof ldapConfigSchema>;

/** The MA Designer's settings page for an LDAP MA. */
export const ldapConfigFields: ConfigField[] = [
  { name: "url", label: "Server URL", kind: "text", required: true, help: "ldap://host:389 or ldaps://host:636" },
  { name: "bindDn", label: "Bind DN", kind: "text", required: true, help: "The account the MA binds as, e.g. cn=admin,dc=example,dc=com (Active Directory: its DN or user principal name, svc-idsync@example.com). Delta imports need read access to the change log of the delta method (accesslog, cn=changelog; AD DirSync: the Replicating Directory Changes right)." },
  { name: "bindPassword", label: "Bind password", kind: "secret", required: true },
  { name: "baseDn", label: "Base DN", kind: "text", required: true, help: "The subtree this MA manages.", page: "scope" },
  { name: "scope", label: "Search scope", kind: "select", options: ["sub", "one"], default: "sub", page: "scope" },
  { name: "filter", label: "Filter", kind: "text", default: "(objectClass=*)", help: "An LDAP filter ANDed with the object types' classes.", page: "scope" },
  { name: "objectTypes", label: "Object types", kind: "list", default: {}, help: "objectClass=type pairs, e.g. inetOrgPerson=person, groupOfNames=group. When set, only entries of these classes are imported.", page: "objectTypes" },
  { name: "anchor", label: "Anchor attribute", kind: "text", default: "entryUUID", help: "Immutable identifier of each entry: entryUUID (OpenLDAP), nsUniqueId (389 DS), objectGUID (Active Directory; a binary attribute, carried as base64).", page: "anchor" },
  { name: "attributes", label: "Attributes to read", kind: "list", default: [], help: "Empty: every user attribute. The anchor and objectClass are always read.", page: "attributes" },
  { name: "binaryAttributes", label: "Binary attributes", kind: "list", default: DEFAULT_BINARY_ATTRIBUTES, help: "Values are bytes, carried as base64 text.", page: "attributes" },
  { name: "referenceAttributes", label: "Reference attributes", kind: "list", default: DEFAULT_REFERENCE_ATTRIBUTES, help: "Attributes holding DNs of other entries (member, manager).", page: "attributes" },
  { name: "pageSize", label: "Page size", kind: "number", default: 500, help: "Entries per page of a paged search (Simple Paged Results control).", page: "scope" },
  { name: "timeoutMs", label: "Operation timeout (ms)", kind: "number", default: 60_000 },
  { name: "connectTimeoutMs", label: "Connect timeout (ms)", kind: "number", default: 10_000 },
  { name: "startTls", label: "Use StartTLS", kind: "boolean", default: false },
  { name: "tlsCaFile", label: "CA file", kind: "path", default: "", help: "PEM file of the CA that issued the server's certificate (ldaps:// or StartTLS), trusted besides the system's CAs. Samba AD: private/tls/ca.pem of the DC." },
  { name: "tlsServerName", label: "TLS server name", kind: "text", default: "", help: "The name the server's certificate was issued to, when the URL uses another one (an IP address, an alias), e.g. dc1.example.com." },
  { name: "tlsTrustFingerprint", label: "Trust this certificate (SHA-256)", kind: "text", default: "", help: "Trust the server's certificate as it is, by its SHA-256 fingerprint (AB:CD:...), when no CA file can verify it. A refused connection names the fingerprint it saw." },
  { name: "deltaMethod", label: "Delta import method", kind: "select", options: [...LDAP_DELTA_METHODS], default: "accesslog", help: "Where delta imports read changes. accesslog: OpenLDAP's accesslog overlay (bind as its rootdn). changelog: the retro changelog of 389 DS / Sun / iPlanet (cn=changelog, changeNumber; anchor nsUniqueId). modifyTimestamp: any server, entries changed since the last import; deletes are seen only by a full import. dirsync: Active Directory's DirSync control (the account needs the Replicating Directory Changes right; deletes and renames are seen). usn: Active Directory's uSNChanged on one DC (deletes seen as tombstones when the account may list Deleted Objects)." },
  { name: "accesslogDn", label: "Accesslog DN", kind: "text", default: "cn=accesslog", help: "OpenLDAP accesslog database read by the accesslog delta method." },
  { name: "changelogDn", label: "Changelog DN", kind: "text", default: "cn=changelog", help: "Retro changelog read by the changelog delta method (389 DS: enable the Retro Changelog plugin; the bind account must read it)." },
  { name: "passwordMethod", label: "Password set method", kind: "select", options: [...LDAP_PASSWORD_METHODS], default: "auto", help: "auto: Password Modify (RFC 3062) when the server offers it, else a userPassword replace. unicodePwd: Active Directory (needs ldaps:// or StartTLS, and the right to reset passwords)." },
  { name: "exportConcurrency", label: "Export operations in flight", kind: "number", default: 8 },
];
