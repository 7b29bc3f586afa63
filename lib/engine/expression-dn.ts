// Distinguished-name helpers (RFC 4514) shared by the expression layer and by connectors that build
// DNs from templates. Plain functions: no JSONata here, so connectors can use them directly.

/** Characters that must be backslash-escaped anywhere in an RDN value (RFC 4514 section 2.4). */
const SPECIAL = new Set([",", "+", '"', "\\", "<", ">", ";", "="]);

/**
 * Escapes one RDN attribute value per RFC 4514: `, + " \ < > ; =` anywhere, a leading `#` or space,
 * a trailing space, and NUL (as `\00`). `=` is optional in the RFC but escaping it is always valid and
 * avoids surprises with naive DN parsers on the other side.
 */
export function escapeDn(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === "\u0000") out += "\\00";
    else if (SPECIAL.has(ch)) out += "\\" + ch;
    else if (i === 0 && (ch === "#" || ch === " ")) out += "\\" + ch;
    else if (i === value.length - 1 && ch === " ") out += "\\ ";
    else out += ch;
  }
  return out;
}

/** Trims insignificant spaces around a DN part; an escaped trailing space ("\\ ") is data. */
function trimDn(part: string): string {
  let v = part.trimStart();
  while (v.endsWith(" ") && !v.endsWith("\\ ")) v = v.slice(0, -1);
  return v;
}

/** Reverses RDN value escaping: `\,` -> `,` and `\XX` hex pairs -> bytes (decoded as UTF-8). */
export function unescapeDnValue(value: string): string {
  let v = trimDn(value);
  // A quoted value (allowed by RFC 2253, still produced by some servers).
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  const bytes: number[] = [];
  let out = "";
  const flush = () => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString("utf8");
      bytes.length = 0;
    }
  };
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    if (ch === "\\" && i + 1 < v.length) {
      const hex = v.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      flush();
      out += v[i + 1];
      i += 1;
      continue;
    }
    flush();
    out += ch;
  }
  flush();
  return out;
}

/**
 * Splits a DN into its RDN strings (still escaped), honouring backslash escapes and quoted values.
 * `"cn=Doe\, John,ou=people,dc=x"` -> `["cn=Doe\, John", "ou=people", "dc=x"]`.
 */
export function splitDn(dn: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === "\\" && i + 1 < dn.length) {
      current += ch + dn[i + 1];
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if ((ch === "," || ch === ";") && !quoted) {
      parts.push(trimDn(current));
      current = "";
    } else {
      current += ch;
    }
  }
  if (current.trim() !== "" || parts.length > 0) parts.push(trimDn(current));
  return parts;
}

/** Index of the first unescaped `=` in an RDN, or -1. */
function rdnEquals(rdn: string): number {
  for (let i = 0; i < rdn.length; i++) {
    if (rdn[i] === "\\") i += 1;
    else if (rdn[i] === "=") return i;
  }
  return -1;
}

/** The unescaped value of the first RDN: `rdnValue("cn=Doe\, John,ou=x")` -> `"Doe, John"`. */
export function rdnValue(dn: string): string | undefined {
  const first = splitDn(dn)[0];
  if (first === undefined) return undefined;
  // A multi-valued RDN (cn=a+uid=b) keeps its first value: the usual naming attribute.
  const eq = rdnEquals(first);
  if (eq < 0) return undefined;
  let value = first.slice(eq + 1);
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "\\") i += 1;
    else if (value[i] === "+") {
      value = value.slice(0, i);
      break;
    }
  }
  return unescapeDnValue(value);
}

/** The attribute name of the first RDN: `rdnAttribute("uid=jdoe,ou=x")` -> `"uid"`. */
export function rdnAttribute(dn: string): string | undefined {
  const first = splitDn(dn)[0];
  if (first === undefined) return undefined;
  const eq = rdnEquals(first);
  return eq < 0 ? undefined : first.slice(0, eq).trim();
}

/** The DN without its first RDN (`""` for a one-RDN DN). */
export function parentDn(dn: string): string {
  return splitDn(dn).slice(1).join(",");
}

/** `buildDn("cn", "Doe, John", "ou=people,dc=x")` -> `"cn=Doe\, John,ou=people,dc=x"`. */
export function buildDn(rdnAttr: string, value: string, parent?: string): string {
  const rdn = `${rdnAttr}=${escapeDn(value)}`;
  return parent ? `${rdn},${parent}` : rdn;
}
