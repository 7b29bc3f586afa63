// Reading single entries back: the anchor of a DN (after an add), an entry by its anchor (after a
// rename someone else made).

import { AndFilter, EqualityFilter, FilterParser, OrFilter, type Client, type Entry, type Filter } from "ldapts";
import { entryAttrs } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** The anchor value of the entry at `dn`, or undefined. */
export async function readAnchor(client: Client, scope: LdapScope, dn: string): Promise<string | undefined> {
  const { searchEntries } = await client.search(dn, { scope: "base", attributes: [scope.config.anchor], explicitBufferAttributes: scope.buffers });
  if (!searchEntries[0]) return undefined;
  const attrs = entryAttrs(searchEntries[0]);
  const key = Object.keys(attrs).find((n) => n.toLowerCase() === scope.config.anchor.toLowerCase());
  return key ? attrs[key]![0] : undefined;
}

/**
 * The MA's filter AND (attribute = one of `values`), as a filter object: a binary value (objectGUID,
 * base64 in IdSync) goes to the server as its bytes. (ldapts' string filter parser turns a "\\xx"
 * escape into a character, which it then sends as UTF-8: bytes from 0x80 up would not match.)
 */
export function valuesFilter(scope: LdapScope, attribute: string, values: string[]): Filter {
  const binary = scope.mapping.isBinary(attribute);
  const tests = values.map((v) => new EqualityFilter({ attribute, value: binary ? Buffer.from(v, "base64") : v }));
  const any = tests.length === 1 ? tests[0]! : new OrFilter({ filters: tests });
  return new AndFilter({ filters: [FilterParser.parseString(scope.filter), any] });
}

/** The entry in scope whose anchor is `anchor`, or null. */
export async function findByAnchor(client: Client, scope: LdapScope, anchor: string): Promise<Entry | null> {
  const { searchEntries } = await client.search(scope.config.baseDn, {
    scope: scope.config.scope,
    filter: valuesFilter(scope, scope.config.anchor, [anchor]),
    attributes: scope.attributes,
    explicitBufferAttributes: scope.buffers,
  });
  return searchEntries[0] ?? null;
}
