// DNs built from a template of attribute (or column) names, e.g. `uid={uid},ou=people`, and read
// back (renames, exports that only know the DN). Without a template the DN is the anchor. Shared by
// the file connectors and the SQL connector.

import { z } from "zod";
import { escapeDn, unescapeDnValue } from "../../engine/expression-dn.ts";
import type { AttrValues } from "../../engine/types.ts";

/** Zod refinement message and check: a template names at least one attribute. */
export const DN_TEMPLATE_HINT = "the DN template must name at least one attribute, e.g. uid={uid},ou=people";

/** True when `template` names at least one attribute in braces. */
export function isDnTemplate(template: string): boolean {
  return /\{[^{}]+\}/.test(template);
}

/**
 * The optional `dnTemplate` setting of a connector config; `names` is what the template names in the
 * validation message ("attribute" for the record formats, "column" for CSV and SQL).
 */
export function dnTemplateSetting(names: "attribute" | "column" = "attribute") {
  const hint = names === "attribute" ? DN_TEMPLATE_HINT : DN_TEMPLATE_HINT.replace("one attribute", `one ${names}`);
  return z.string().trim().min(1).refine(isDnTemplate, hint).optional();
}

/** Attributes named by a DN template, in order: `uid={uid},ou={dept}` -> ["uid", "dept"]. */
export function templateAttributes(template: string | undefined): string[] {
  if (!template) return [];
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!.trim());
}

/** The DN of a record: the template with escaped values, else the anchor; names a missing value. */
export function buildRecordDn(template: string | undefined, attrs: AttrValues, anchor: string): { dn: string } | { missing: string } {
  if (!template) return { dn: anchor };
  let missing: string | undefined;
  const dn = template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = attrs[name.trim()]?.[0];
    if (value === undefined) missing ??= name.trim();
    return escapeDn(value ?? "");
  });
  return missing ? { missing } : { dn };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads attribute values back out of a DN built by the template. Literal parts compare
 * case-insensitively, as DNs do. Null when there is no template or the DN does not fit.
 */
export function parseRecordDn(template: string | undefined, dn: string): Record<string, string> | null {
  if (!template) return null;
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const m = /^\{([^{}]+)\}$/.exec(part);
      if (!m) return escapeRegex(part).replace(/\s*,\s*/g, "\\s*,\\s*");
      names.push(m[1]!.trim());
      // An escaped value: escaped characters or anything but an unescaped , + ;
      return "((?:\\\\.|[^\\\\,+;])+?)";
    })
    .join("");
  const match = new RegExp(`^${pattern}$`, "i").exec(dn.trim());
  if (!match) return null;
  const out: Record<string, string> = {};
  names.forEach((n, i) => (out[n] = unescapeDnValue(match[i + 1]!)));
  return out;
}
