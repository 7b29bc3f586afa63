"use client";
// Beside the YAML view (which has no choice lists): the metaverse model and the discovered csentry
// object types with their attribute names, for reference while typing.
import type { RulesPageContext } from "./rules-context.ts";

export function RulesReference({ context }: { context: Pick<RulesPageContext, "model" | "csTypes"> }) {
  const { model, csTypes } = context;
  return (
    <aside className="flex flex-col gap-3 text-xs" aria-label="Reference">
      <div>
        <h3 className="mb-1 font-semibold text-slate-700">Metaverse</h3>
        {model.length === 0 ? <p className="text-slate-500">No object types yet (Metaverse Designer).</p> : null}
        {model.map((t) => (
          <details key={t.name} open={model.length <= 2} className="mb-1 rounded border border-slate-200 bg-white px-2 py-1">
            <summary className="cursor-pointer font-mono font-medium">{t.name}</summary>
            <ul className="mt-1 font-mono">
              {t.attributes.map((a) => <li key={a.name}>{a.name} <span className="text-slate-400">{a.type}{a.multiValued ? ", multi" : ""}</span></li>)}
            </ul>
          </details>
        ))}
      </div>
      {csTypes.length ? (
        <div>
          <h3 className="mb-1 font-semibold text-slate-700">Connector space (discovered)</h3>
          {csTypes.map((t) => (
            <details key={t.name} open className="mb-1 rounded border border-slate-200 bg-white px-2 py-1">
              <summary className="cursor-pointer font-mono font-medium">{t.name}</summary>
              <ul className="mt-1 font-mono">{t.attributes.map((a) => <li key={a}>{a}</li>)}</ul>
            </details>
          ))}
        </div>
      ) : null}
    </aside>
  );
}
