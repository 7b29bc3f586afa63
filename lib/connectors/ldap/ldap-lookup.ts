// Reading single entries back: the anchor of a DN (after an add), an entry by its anchor (after a
// rename someone else made).

import type { Client, Entry } from "ldapts";
import { entryAttrs, escapeFilterValue } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** The anchor value of the entry at `dn`, or undefined. */
export async function readAnchor(client: Client, scope: LdapScope, dn: string): Promise<string | undefined> {
  const { searchEntries } = await client.search(dn, { scope: "base", attributes: [scope.config.anchor], explicitBufferAttributes: scope.buffers });
  if (!searchEntries[0]) return undefined;
  const attrs = entryAttrs(searchEntries[0]);
  const key = Object.keys(attrs).find((n) => n.toLowerCase() === scope.config.anchor.toLowerCase());
  return key ? attrs[key]![0] : undefined;
}

/** An anchor value as a filter assertion; a binary anchor (objectGUID) is escaped byte by byte. */
export function anchorAssertion(scope: LdapScope, anchor: string): string {
  const name = scope.config.anchor;
  if (!scope.mapping.isBinary(name)) return `(${name}=${escapeFilterValue(anchor)})`;
  const hex = [...Buffer.from(anchor, "base64")].map((b) => `\\${b.toString(16).padStart(2, "0")}`).join("");
  return `(${name}=${hex})`;
}

/** The entry in scope whose anchor is `anchor`, or null. */
export async function findByAnchor(client: Client, scope: LdapScope, anchor: string): Promise<Entry | null> {
  const { searchEntries } = await client.search(scope.config.baseDn, {
    scope: scope.config.scope,
    filter: scope.filterWith(anchorAssertion(scope, anchor)),
    attributes: scope.attributes,
    explicitBufferAttributes: scope.buffers,
  });
  return searchEntries[0] ?? null;
}
