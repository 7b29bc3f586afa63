// The per-attribute changes of an export: replace / add / remove values.
import type { AttrChange } from "../../lib/engine/types.ts";

export function ChangesList({ changes }: { changes: Record<string, AttrChange> }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return <span className="text-xs text-slate-400">no attribute changes</span>;
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {entries.map(([attr, c]) => (
        <li key={attr}>
          <span className="font-mono font-medium">{attr}</span>{" "}
          {c.replace ? <span>= {c.replace.length ? c.replace.join("; ") : <em className="text-slate-400">(cleared)</em>}</span> : null}
          {c.add?.length ? <span className="text-emerald-700"> + {c.add.join("; ")}</span> : null}
          {c.remove?.length ? <span className="text-red-700"> − {c.remove.join("; ")}</span> : null}
        </li>
      ))}
    </ul>
  );
}
