// Pending exports as downloadable files: CSV (one row per export) and LDIF change records
// (RFC 2849, what ldapmodify reads). Pure functions of the rows; the route streams them.
import { stringify } from "csv-stringify/sync";
import type { PendingExportView } from "../dto/connector-space.ts";
import { splitDn } from "../engine/expression-dn.ts";
import type { AttrChange } from "../engine/types.ts";

export const CSV_COLUMNS = ["op", "status", "dn", "newDn", "changes", "error", "exportRunId", "exportedAt", "updatedAt", "csId", "id"] as const;

export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

/** One CSV line per export; `changes` as JSON ({ attr: { replace | add | remove } }). */
export function csvRows(rows: PendingExportView[]): string {
  return stringify(rows.map((r) => [r.op, r.status, r.dn, r.newDn ?? "", JSON.stringify(r.changes), r.error ?? "", r.exportRunId ?? "", r.exportedAt ?? "", r.updatedAt, r.csId, r.id]));
}

// SAFE-STRING of RFC 2849: anything else (non-ASCII, leading space/colon/'<', trailing space, line breaks) goes base64.
const SAFE = /^(?:[\x01-\x09\x0B\x0C\x0E-\x1F\x21-\x39\x3B\x3D-\x7F][\x01-\x09\x0B\x0C\x0E-\x7F]*)?$/;
const WIDTH = 76;

function fold(line: string): string {
  if (line.length <= WIDTH) return line + "\n";
  let out = line.slice(0, WIDTH) + "\n";
  for (let i = WIDTH; i < line.length; i += WIDTH - 1) out += " " + line.slice(i, i + WIDTH - 1) + "\n";
  return out;
}

export function ldifLine(name: string, value: string): string {
  if (SAFE.test(value) && !value.endsWith(" ")) return fold(`${name}: ${value}`);
  return fold(`${name}:: ${Buffer.from(value, "utf8").toString("base64")}`);
}

export const LDIF_HEADER = "version: 1\n\n";

/** `replace` wins, as the engine defines an AttrChange; empty values are dropped. */
function mods(attr: string, c: AttrChange): string {
  const block = (op: string, values: string[]) => `${op}: ${attr}\n` + values.map((v) => ldifLine(attr, v)).join("") + "-\n";
  if (c.replace) return block("replace", c.replace.filter((v) => v !== ""));
  let out = "";
  const remove = (c.remove ?? []).filter((v) => v !== "");
  const add = (c.add ?? []).filter((v) => v !== "");
  if (remove.length) out += block("delete", remove);
  if (add.length) out += block("add", add);
  return out;
}

/** The values an add creates: `replace`, else `add`. */
function addValues(c: AttrChange): string[] {
  return (c.replace ?? c.add ?? []).filter((v) => v !== "");
}

/** One change record per pending export (each ends with its blank line). */
export function ldifChangeRecord(r: PendingExportView): string {
  const head = ldifLine("dn", r.dn);
  const attrs = Object.entries(r.changes);
  switch (r.op) {
    case "add":
      return head + "changetype: add\n" + attrs.flatMap(([a, c]) => addValues(c).map((v) => ldifLine(a, v))).join("") + "\n";
    case "delete":
      return head + "changetype: delete\n\n";
    case "rename": {
      const target = r.newDn ?? r.dn;
      const [newRdn = target, ...parent] = splitDn(target);
      const oldParent = splitDn(r.dn).slice(1).join(",");
      let out = head + "changetype: modrdn\n" + ldifLine("newrdn", newRdn) + "deleteoldrdn: 1\n";
      if (parent.join(",").toLowerCase() !== oldParent.toLowerCase()) out += ldifLine("newsuperior", parent.join(","));
      out += "\n";
      // A rename may carry attribute changes too: applied to the entry under its new name.
      const body = attrs.map(([a, c]) => mods(a, c)).join("");
      return body ? out + ldifLine("dn", target) + "changetype: modify\n" + body + "\n" : out;
    }
    default: {
      const body = attrs.map(([a, c]) => mods(a, c)).join("");
      return body ? head + "changetype: modify\n" + body + "\n" : "";
    }
  }
}
