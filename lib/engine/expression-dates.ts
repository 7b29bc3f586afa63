// Date conversion for $dateFormat. Identity data carries dates in a handful of shapes (HR exports in
// dd/MM/yyyy, SQL in yyyy-MM-dd, LDAP generalized time); a small pattern engine covers them without a
// date library. Every value is handled in UTC so a date-only value never shifts by a day.

/** Pattern tokens, longest first so `yyyy` wins over `yy` and `MM` over `M`. */
const TOKENS = ["yyyy", "yy", "MM", "M", "dd", "d", "HH", "H", "mm", "ss", "SSS", "Z"] as const;
type Token = (typeof TOKENS)[number];

const TOKEN_REGEX: Record<Token, string> = {
  yyyy: "(\\d{4})",
  yy: "(\\d{2})",
  MM: "(\\d{2})",
  M: "(\\d{1,2})",
  dd: "(\\d{2})",
  d: "(\\d{1,2})",
  HH: "(\\d{2})",
  H: "(\\d{1,2})",
  mm: "(\\d{2})",
  ss: "(\\d{2})",
  SSS: "(\\d{1,3})",
  Z: "(Z|[+-]\\d{2}:?\\d{2})",
};

type Part = { token: Token } | { literal: string };

/** Named patterns accepted wherever a pattern is. */
const NAMED: Record<string, string> = {
  generalized: "yyyyMMddHHmmss'Z'",
  generalizedTime: "yyyyMMddHHmmss'Z'",
};

function tokenize(pattern: string): Part[] {
  const source = NAMED[pattern] ?? pattern;
  const parts: Part[] = [];
  let i = 0;
  outer: while (i < source.length) {
    if (source[i] === "'") {
      // 'quoted literal'; '' is a literal quote.
      const end = source.indexOf("'", i + 1);
      if (end === i + 1) parts.push({ literal: "'" });
      else parts.push({ literal: source.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    for (const token of TOKENS) {
      if (source.startsWith(token, i)) {
        parts.push({ token });
        i += token.length;
        continue outer;
      }
    }
    parts.push({ literal: source[i]! });
    i += 1;
  }
  return parts;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Builds a UTC timestamp, rejecting impossible dates such as 31/02. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0): number | undefined {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59 || s > 60) return undefined;
  return t - offsetMin * 60_000;
}

function parseOffset(z: string): number {
  if (z === "Z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

/** Parses `value` with an explicit pattern; undefined when it does not match. */
export function parseWithPattern(value: string, pattern: string): number | undefined {
  if (pattern === "iso") return parseIso(value);
  const parts = tokenize(pattern);
  const regex = new RegExp(
    "^" + parts.map((p) => ("token" in p ? TOKEN_REGEX[p.token] : escapeRegex(p.literal))).join("") + "$",
  );
  const m = regex.exec(value.trim());
  if (!m) return undefined;
  const f: Partial<Record<Token, string>> = {};
  let g = 1;
  for (const p of parts) if ("token" in p) f[p.token] = m[g++];
  const year = f.yyyy !== undefined ? Number(f.yyyy) : f.yy !== undefined ? 2000 + Number(f.yy) : 1970;
  const month = Number(f.MM ?? f.M ?? 1);
  const day = Number(f.dd ?? f.d ?? 1);
  const ms = f.SSS !== undefined ? Number(f.SSS.padEnd(3, "0")) : 0;
  return utc(year, month, day, Number(f.HH ?? f.H ?? 0), Number(f.mm ?? 0), Number(f.ss ?? 0), ms, f.Z ? parseOffset(f.Z) : 0);
}

function parseIso(value: string): number | undefined {
  const v = value.trim();
  // Date-only ISO strings are parsed as UTC by Date.parse, but a bare date-time without a zone is
  // local time there: pin it to UTC so results do not depend on the server's time zone.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return undefined;
  const date = v.slice(0, 10);
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  if (utc(y, mo, d) === undefined) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(v) && v.length > 10;
  const t = Date.parse(v.length > 10 && !hasZone ? v.replace(" ", "T") + "Z" : v.replace(" ", "T"));
  return Number.isNaN(t) ? undefined : t;
}

/** Recognises the shapes listed in the docs when no source pattern is given. */
export function parseAuto(value: string): number | undefined {
  const v = value.trim();
  // LDAP generalized time, optionally with fraction (AD writes 20240101120000.0Z) and offset.
  const gt = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(v);
  if (gt) {
    const [, y, mo, d, h, mi, s, frac, z] = gt;
    return utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0, z ? parseOffset(z) : 0);
  }
  if (/^\d{8}$/.test(v)) return parseWithPattern(v, "yyyyMMdd");
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return parseIso(v);
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v)) return parseWithPattern(v, "d/M/yyyy");
  if (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v)) return parseWithPattern(v, "d.M.yyyy");
  return undefined;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Formats a UTC timestamp with a pattern (`iso` gives the full ISO 8601 form). */
export function formatWithPattern(millis: number, pattern: string): string {
  const d = new Date(millis);
  if (pattern === "iso") return d.toISOString();
  return tokenize(pattern)
    .map((p) => {
      if ("literal" in p) return p.literal;
      switch (p.token) {
        case "yyyy": return pad(d.getUTCFullYear(), 4);
        case "yy": return pad(d.getUTCFullYear() % 100, 2);
        case "MM": return pad(d.getUTCMonth() + 1, 2);
        case "M": return String(d.getUTCMonth() + 1);
        case "dd": return pad(d.getUTCDate(), 2);
        case "d": return String(d.getUTCDate());
        case "HH": return pad(d.getUTCHours(), 2);
        case "H": return String(d.getUTCHours());
        case "mm": return pad(d.getUTCMinutes(), 2);
        case "ss": return pad(d.getUTCSeconds(), 2);
        case "SSS": return pad(d.getUTCMilliseconds(), 3);
        case "Z": return "Z";
      }
    })
    .join("");
}

/**
 * Converts a date string between patterns. `from` undefined: recognise ISO 8601, yyyy-MM-dd,
 * dd/MM/yyyy, dd.MM.yyyy, yyyyMMdd and LDAP generalized time. Throws on a value that cannot be read,
 * because a silently dropped date (an account expiry!) is worse than a flow error naming the value.
 */
export function convertDate(value: string, from: string | undefined, to: string): string {
  const millis = from ? parseWithPattern(value, from) : parseAuto(value);
  if (millis === undefined) {
    throw new Error(`$dateFormat: cannot read "${value}" as a date${from ? ` with pattern ${from}` : ""}`);
  }
  return formatWithPattern(millis, to);
}
