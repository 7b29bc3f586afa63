// Schema discovery from the directory's subschema subentry (RFC 4512): the object classes of the
// MA's mapping (MUST and MAY over the SUP chain) and their attribute types, single- or
// multi-valued, typed by syntax (DN syntax -> reference, octet strings and certificates -> binary).
// Without a mapping, the object classes are those of a sample of the entries in scope.

import type { AttributeSchema, AttributeType, ConnectorSchema, ObjectTypeSchema } from "../../engine/types.ts";
import { entryAttrs, type LdapConnection } from "./ldap-client.ts";
import type { LdapScope } from "./ldap-scope.ts";

/** One parsed definition: OID, names and the keyword fields (lists as arrays). */
interface Definition {
  oid: string;
  names: string[];
  fields: Map<string, string[]>;
}

/** Tokens of an RFC 4512 definition: parentheses, quoted strings, bare words, `$`. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|'(?:[^'\\]|\\.)*'|\$|[^\s()'$]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[1] !== undefined) tokens.push(m[1]);
  return tokens;
}

/** Keywords without a value. */
const FLAGS = new Set(["OBSOLETE", "SINGLE-VALUE", "COLLECTIVE", "NO-USER-MODIFICATION", "ABSTRACT", "STRUCTURAL", "AUXILIARY"]);

/** Parses `( 2.5.4.3 NAME ( 'cn' 'commonName' ) SUP name ... SINGLE-VALUE )`. */
export function parseDefinition(text: string): Definition | null {
  const t = tokenize(text);
  if (t[0] !== "(" || t.length < 3) return null;
  const oid = t[1]!;
  const fields = new Map<string, string[]>();
  let i = 2;
  const unquote = (s: string) => (s.startsWith("'") ? s.slice(1, -1) : s);
  while (i < t.length && t[i] !== ")") {
    const key = t[i]!.toUpperCase();
    i += 1;
    const values: string[] = [];
    if (t[i] === "(") {
      i += 1;
      while (i < t.length && t[i] !== ")") {
        if (t[i] !== "$") values.push(unquote(t[i]!));
        i += 1;
      }
      i += 1;
    } else if (!FLAGS.has(key) && i < t.length && t[i] !== ")") {
      values.push(unquote(t[i]!));
      i += 1;
    }
    fields.set(key, values);
  }
  return { oid, names: fields.get("NAME") ?? [], fields };
}

const SYNTAX_TYPES: Record<string, AttributeType> = {
  "1.3.6.1.4.1.1466.115.121.1.12": "reference", // DN
  "1.3.6.1.4.1.1466.115.121.1.34": "reference", // Name and Optional UID
  "1.3.6.1.4.1.1466.115.121.1.7": "boolean",
  "1.3.6.1.4.1.1466.115.121.1.27": "integer",
  "1.3.6.1.4.1.1466.115.121.1.24": "datetime",
  "1.3.6.1.4.1.1466.115.121.1.40": "binary", // octet string
  "1.3.6.1.4.1.1466.115.121.1.28": "binary", // JPEG
  "1.3.6.1.4.1.1466.115.121.1.5": "binary", // binary
  "1.3.6.1.4.1.1466.115.121.1.8": "binary", // certificate
  "1.3.6.1.4.1.1466.115.121.1.9": "binary", // certificate list
  "1.3.6.1.4.1.1466.115.121.1.10": "binary", // certificate pair
  "1.3.6.1.4.1.1466.115.121.1.4": "binary", // audio
};

/** The subschema as lookups by lowercase name (and OID). */
export class Subschema {
  readonly classes = new Map<string, Definition>();
  readonly attributeTypes = new Map<string, Definition>();

  constructor(objectClasses: string[], attributeTypes: string[]) {
    for (const [list, into] of [[objectClasses, this.classes], [attributeTypes, this.attributeTypes]] as const) {
      for (const text of list) {
        const d = parseDefinition(text);
        if (!d) continue;
        into.set(d.oid.toLowerCase(), d);
        for (const n of d.names) into.set(n.toLowerCase(), d);
      }
    }
  }

  /** MUST and MAY attribute names of a class and its superclasses (first spelling wins). */
  classAttributes(name: string): string[] {
    const out = new Map<string, string>();
    const seen = new Set<string>();
    const visit = (n: string) => {
      const d = this.classes.get(n.toLowerCase());
      if (!d || seen.has(d.oid)) return;
      seen.add(d.oid);
      for (const a of [...(d.fields.get("MUST") ?? []), ...(d.fields.get("MAY") ?? [])]) if (!out.has(a.toLowerCase())) out.set(a.toLowerCase(), a);
      for (const sup of d.fields.get("SUP") ?? []) visit(sup);
    };
    visit(name);
    return [...out.values()];
  }

  /** The syntax OID of an attribute type, inherited over SUP; without the length bound. */
  syntaxOf(name: string, depth = 0): string | undefined {
    const d = this.attributeTypes.get(name.toLowerCase());
    if (!d || depth > 10) return undefined;
    const own = d.fields.get("SYNTAX")?.[0];
    if (own) return own.replace(/\{\d+\}$/, "");
    const sup = d.fields.get("SUP")?.[0];
    return sup ? this.syntaxOf(sup, depth + 1) : undefined;
  }

  /** The attribute's schema entry; configured binary/reference lists win over the syntax. */
  describe(name: string, scope: LdapScope): AttributeSchema {
    const d = this.attributeTypes.get(name.toLowerCase());
    const spelled = d?.names[0] ?? name;
    const type: AttributeType = scope.mapping.isBinary(spelled) ? "binary" : scope.mapping.isReference(spelled) ? "reference" : (SYNTAX_TYPES[this.syntaxOf(name) ?? ""] ?? "string");
    return { name: spelled, type, multiValued: !d?.fields.has("SINGLE-VALUE") };
  }
}

/** Reads the subschema subentry named by the root DSE. */
export async function readSubschema(conn: LdapConnection): Promise<Subschema> {
  return conn.use("reading the subschema", async (client) => {
    const root = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["subschemaSubentry"] });
    const dn = entryAttrs(root.searchEntries[0] ?? { dn: "" }).subschemaSubentry?.[0] ?? "cn=Subschema";
    const { searchEntries } = await client.search(dn, { scope: "base", filter: "(objectClass=subschema)", attributes: ["objectClasses", "attributeTypes"] });
    const attrs = entryAttrs(searchEntries[0] ?? { dn });
    return new Subschema(attrs.objectClasses ?? [], attrs.attributeTypes ?? []);
  });
}

/** The object types of the MA with their attributes, from the directory's schema. */
export async function discoverLdapSchema(conn: LdapConnection, scope: LdapScope): Promise<ConnectorSchema> {
  const schema = await readSubschema(conn);
  const { config } = scope;
  /** object type -> object classes. */
  const types = new Map<string, string[]>();
  for (const [cls, type] of Object.entries(config.objectTypes)) types.set(type, [...(types.get(type) ?? []), cls]);
  if (!types.size) {
    const { searchEntries } = await conn.use("sampling object classes", (client) =>
      client.search(config.baseDn, { scope: config.scope, filter: scope.filter, attributes: ["objectClass"], sizeLimit: 1000 }),
    );
    for (const e of searchEntries) {
      const type = scope.mapping.objectTypeOf(entryAttrs(e));
      if (!types.has(type)) types.set(type, [type]);
    }
  }
  const objectTypes: ObjectTypeSchema[] = [];
  for (const [name, classes] of types) {
    const attrs = new Map<string, AttributeSchema>();
    for (const cls of classes) {
      for (const a of schema.classAttributes(cls)) {
        const described = schema.describe(a, scope);
        attrs.set(described.name.toLowerCase(), described);
      }
    }
    const objectClass = attrs.get("objectclass") ?? { name: "objectClass", type: "string", multiValued: true };
    attrs.set("objectclass", objectClass);
    const anchor = schema.describe(config.anchor, scope);
    attrs.set(anchor.name.toLowerCase(), { ...anchor, multiValued: false });
    objectTypes.push({ name, anchor: [anchor.name], attributes: [...attrs.values()] });
  }
  return { objectTypes };
}
