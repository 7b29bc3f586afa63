// Schema discovery for entry files (LDIF, DSML): the object types and attributes seen in the file,
// an attribute multi-valued when any entry holds several values of it. Without a file yet (an
// export-only MA before its first export) the schema is what the config names.

import type { AttributeSchema, ConnectorSchema, FullImportItem } from "../../engine/types.ts";
import type { EntryMapping } from "./entry-mapping.ts";

/** Entries read by discovery; enough to see every type of an ordinary file, bounded for huge ones. */
export const SCHEMA_SAMPLE_ENTRIES = 20_000;

/** Builds the schema from the items of a full import (null: the file does not exist yet). */
export async function discoverEntrySchema(items: AsyncIterable<FullImportItem> | null, mapping: EntryMapping): Promise<ConnectorSchema> {
  const types = new Map<string, Map<string, AttributeSchema>>();
  const typeOf = (name: string) => {
    let attrs = types.get(name);
    if (!attrs) types.set(name, (attrs = new Map()));
    return attrs;
  };
  let seen = 0;
  if (items) {
    for await (const item of items) {
      if (item.kind !== "object") continue;
      const attrs = typeOf(item.object.objectType);
      for (const [name, values] of Object.entries(item.object.attrs)) {
        const key = name.toLowerCase();
        const known = attrs.get(key);
        if (known) known.multiValued ||= values.length > 1;
        else attrs.set(key, { name, type: mapping.isBinary(name) ? "binary" : mapping.isReference(name) ? "reference" : "string", multiValued: values.length > 1 || key === "objectclass" });
      }
      if (++seen >= SCHEMA_SAMPLE_ENTRIES) break;
    }
  }
  if (!types.size) {
    const names = new Set(Object.values(mapping.config.objectTypes));
    if (!names.size) names.add(mapping.config.defaultObjectType);
    for (const n of names) typeOf(n).set("objectclass", { name: "objectClass", type: "string", multiValued: true });
  }
  const anchor = mapping.config.anchor;
  return {
    objectTypes: [...types].map(([name, attrs]) => {
      if (!mapping.anchorIsDn && !attrs.has(anchor.toLowerCase())) attrs.set(anchor.toLowerCase(), { name: anchor, type: "string", multiValued: false });
      return { name, anchor: [anchor], attributes: [...attrs.values()] };
    }),
  };
}
