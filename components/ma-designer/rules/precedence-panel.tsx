"use client";
// Precedence across MAs on the Attribute flow page: for every mventry attribute this MA imports into,
// every MA's import flow into it, ranked as the sync engine ranks them, this MA's rows marked.
// Re-asked 600 ms after the import flows change; an answer for older flows is dropped.
import { useEffect, useRef, useState } from "react";
import type { AttributePrecedenceView } from "../../../lib/dto/ma-designer-rules.ts";
import type { ImportFlowRule } from "../../../lib/engine/rules.ts";
import type { RulesPageContext } from "./rules-context.ts";

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

function Summary({ v }: { v: AttributePrecedenceView }) {
  const others = v.contributors.filter((c) => !c.thisMa).length;
  if (v.mode === "equal") return <span>equal precedence: the last MA to write a value wins, ranks do not apply</span>;
  if (others === 0) return <span>only this MA imports it</span>;
  return (
    <span>
      this MA ranks <strong data-testid="precedence-rank">{ordinal(v.rank)}</strong> of {new Set(v.contributors.map((c) => c.maName)).size} MAs
      {v.rank === 1 ? " (its value wins when it has one)" : " (a better-ranked MA's value wins when it has one)"}
      {v.tied ? "; another MA has the same precedence number, so MA names order them" : ""}
    </span>
  );
}

export function PrecedencePanel({ importFlows, context }: { importFlows: ImportFlowRule[]; context: RulesPageContext }) {
  const [views, setViews] = useState<AttributePrecedenceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const request = JSON.stringify({
    ...(context.maId ? { maId: context.maId } : {}),
    maName: context.maName,
    importFlows: importFlows.filter((f) => f && typeof f.mv === "string" && typeof f.mvObjectType === "string" && typeof f.objectType === "string")
      .map((f) => ({ objectType: f.objectType, mvObjectType: f.mvObjectType, mv: f.mv, ...(f.cs !== undefined ? { cs: String(f.cs) } : {}),
        ...(f.expression !== undefined ? { expression: String(f.expression) } : {}), ...(Number.isInteger(f.precedence) && (f.precedence ?? -1) >= 0 ? { precedence: f.precedence } : {}) })),
  });
  const { importPrecedence } = context.actions;
  useEffect(() => {
    const id = ++seq.current;
    const timer = setTimeout(async () => {
      const r = await importPrecedence(JSON.parse(request));
      if (id !== seq.current) return;
      if (r.ok) {
        setViews(r.data);
        setError(null);
      } else setError(`${r.code}: ${r.message}`);
    }, 600);
    return () => clearTimeout(timer);
  }, [request, importPrecedence]);

  return (
    <section aria-label="Precedence across management agents" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold text-slate-700">Precedence across management agents</h3>
      <p className="text-xs text-slate-600">
        When several MAs flow the same mventry attribute, the lowest precedence number wins (100 when a flow gives none); equal numbers are ordered by MA name.
      </p>
      {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
      {views === null && !error ? <p className="text-xs text-slate-500">Loading…</p> : null}
      {views?.length === 0 ? <p className="text-xs text-slate-500">This MA has no import flow yet.</p> : null}
      {views?.map((v) => (
        <div key={`${v.mvObjectType}.${v.mv}`} className="rounded border border-slate-200 bg-white p-2">
          <div className="mb-1 flex flex-wrap items-baseline gap-2 text-xs">
            <code className="font-semibold">{v.mvObjectType}.{v.mv}</code>
            <span className="text-slate-600"><Summary v={v} /></span>
          </div>
          <table className="w-full text-left text-xs" aria-label={`Precedence of ${v.mvObjectType}.${v.mv}`}>
            <thead className="text-slate-500">
              <tr><th className="pr-2 font-medium">Rank</th><th className="pr-2 font-medium">Management agent</th><th className="pr-2 font-medium">From</th><th className="pr-2 font-medium">Source</th><th className="font-medium">Precedence</th></tr>
            </thead>
            <tbody>
              {v.contributors.map((c, i) => (
                <tr key={i} className={c.thisMa ? "bg-sky-50 font-medium" : ""}>
                  <td className="pr-2">{c.rank}</td>
                  <td className="pr-2">{c.maName}{c.thisMa ? " (this MA)" : ""}</td>
                  <td className="pr-2 font-mono">{c.objectType}</td>
                  <td className="pr-2 font-mono">{c.kind === "expression" ? <span title="expression">ƒ {c.source}</span> : c.source}</td>
                  <td>{c.precedence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
