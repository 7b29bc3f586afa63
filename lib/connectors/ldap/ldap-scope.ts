// What an LDAP MA sees of its directory: the subtree and filter in scope, the attributes read, and
// how an entry becomes an IdSync object (anchor, object type, values). The object-type rules are the
// LDIF/DSML ones (lib/connectors/ldif/entry-mapping.ts): a mapped objectClass, else the last one.

import type { Entry } from "ldapts";
import { splitDn } from "../../engine/expression-dn.ts";
import type { FullImportItem } from "../../engine/types.ts";
import { EntryMapping, normalizeDn } from "../ldif/entry-mapping.ts";
import { bufferAttributes, entryAttrs, escapeFilterValue } from "./ldap-client.ts";
import type { LdapConfig } from "./ldap-config.ts";

/** Anchors the server assigns (never written by an export). */
const SERVER_ANCHORS = new Set(["entryuuid", "objectguid", "nsuniqueid", "ipauniqueid", "guid", "orclguid", "ibm-entryuuid"]);

/** The scope and entry mapping of one LDAP MA. */
export class LdapScope {
  readonly mapping: EntryMapping;
  /** the search filter of imports: the configured filter AND the mapped object classes. */
  readonly filter: string;
  /** the attributes a search asks for. */
  readonly attributes: string[];
  /** attributes ldapts returns as bytes. */
  readonly buffers: string[];
  private readonly base: string;

  constructor(readonly config: LdapConfig) {
    this.mapping = new EntryMapping({
      anchor: config.anchor,
      objectTypes: config.objectTypes,
      defaultObjectType: "entry",
      binaryAttributes: config.binaryAttributes,
      referenceAttributes: config.referenceAttributes,
    });
    const classes = Object.keys(config.objectTypes).map((c) => `(objectClass=${escapeFilterValue(c)})`);
    const typeFilter = classes.length === 0 ? "" : classes.length === 1 ? classes[0]! : `(|${classes.join("")})`;
    this.filter = typeFilter ? `(&${config.filter}${typeFilter})` : config.filter;
    const wanted = config.attributes.length ? config.attributes : ["*"];
    this.attributes = [...new Set([...wanted, "objectClass", config.anchor])];
    this.buffers = bufferAttributes(config);
    this.base = normalizeDn(config.baseDn);
  }

  /** The import filter ANDed with `extra`. */
  filterWith(extra: string): string {
    return `(&${this.filter}${extra})`;
  }

  /** Whether the anchor is assigned by the server (entryUUID, objectGUID, ...). */
  get serverAnchor(): boolean {
    return SERVER_ANCHORS.has(this.config.anchor.toLowerCase());
  }

  /** Whether a DN lies in the MA's subtree (and, for scope one, directly below the base). */
  contains(dn: string): boolean {
    const key = normalizeDn(dn);
    if (key === this.base) return this.config.scope === "sub";
    if (!key.endsWith(`,${this.base}`)) return false;
    return this.config.scope === "sub" || splitDn(key.slice(0, -this.base.length - 1)).length === 1;
  }

  /** The objectClass an add of `objectType` gets when it names none: the mapped class, else the type. */
  objectClassFor(objectType: string): string {
    for (const [cls, type] of Object.entries(this.config.objectTypes)) if (type === objectType) return cls;
    return objectType;
  }

  /** One search entry as an import item (an entry without a usable anchor is a record error). */
  toItem(entry: Entry): FullImportItem {
    const attrs = entryAttrs(entry);
    const dn = entry.dn;
    const anchored = this.mapping.anchorOf({ dn, attrs });
    if ("code" in anchored) {
      return { kind: "error", code: "ldap-missing-anchor", message: `${dn}: ${anchored.reason}`, dn, source: { attribute: this.config.anchor } };
    }
    return { kind: "object", object: { anchor: anchored.anchor, dn, objectType: this.mapping.objectTypeOf(attrs), attrs } };
  }
}
