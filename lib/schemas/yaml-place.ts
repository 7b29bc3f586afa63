// Where something sits in a YAML text: a path like `importFlows[1].expression` as a list of keys,
// and the line of the deepest node of a path that exists. Client-safe: configuration as code names
// lines in its problems, and the MA Designer's rules editor marks them.
import { isMap, isScalar, type Document, type LineCounter } from "yaml";

/** `importFlows[1].expression` -> ["importFlows", 1, "expression"]. */
export function pathParts(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** ["managementAgents", 0, "type"] -> `managementAgents[0].type`. */
export function pathText(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

/** Where a node starts: a mapping entry at its key (`name: HR` rather than its value), else the node. */
function startOf(doc: Document, parts: readonly PropertyKey[]): number | undefined {
  const parent = parts.length > 1 ? doc.getIn(parts.slice(0, -1) as unknown[], true) : doc.contents;
  const last = parts[parts.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    if (key?.range) return key.range[0];
  }
  return (doc.getIn(parts as unknown[], true) as { range?: [number, number, number] } | undefined)?.range?.[0];
}

/** The line (1-based) where the deepest existing node along `parts` starts. */
export function lineOf(doc: Document, lines: LineCounter, parts: readonly PropertyKey[]): number | undefined {
  for (let n = parts.length; n > 0; n--) {
    const start = startOf(doc, parts.slice(0, n));
    if (start !== undefined) return lines.linePos(start).line;
  }
  return undefined;
}
