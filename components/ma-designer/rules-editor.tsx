"use client";
// The YAML rules editor: the text, each problem with its rule path, message and the marked
// character (line and column of the expression's error position), and a button selecting it.
import { useRef } from "react";
import type { RulesTextProblem } from "./rules-yaml.ts";

function Snippet({ text, p }: { text: string; p: RulesTextProblem }) {
  if (!p.mark) return null;
  const lines = text.split("\n");
  const line = lines[p.mark.line - 1] ?? "";
  const col = p.mark.column - 1;
  return (
    <pre className="mt-1 overflow-x-auto rounded bg-slate-900 px-2 py-1 font-mono text-[12px] text-slate-100">
      <span className="select-none text-slate-500">{String(p.mark.line).padStart(3)} │ </span>
      {line.slice(0, col)}
      <mark data-testid="rule-error-mark" className="rounded-sm bg-red-500 px-px text-white">{line.slice(col, col + 1) || " "}</mark>
      {line.slice(col + 1)}
    </pre>
  );
}

export function RulesEditor({ text, problems, checking, onChange }: { text: string; problems: RulesTextProblem[]; checking: boolean; onChange: (t: string) => void }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const select = (p: RulesTextProblem) => {
    if (!p.mark || !area.current) return;
    area.current.focus();
    area.current.setSelectionRange(p.mark.offset, p.mark.offset + 1);
  };
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="rules-yaml" className="text-xs font-medium text-slate-600">Rules (YAML): connector filters, join and projection, import flows with precedence, export flows, provisioning</label>
      <textarea
        id="rules-yaml"
        ref={area}
        value={text}
        spellCheck={false}
        rows={Math.min(30, Math.max(14, text.split("\n").length + 1))}
        onChange={(e) => onChange(e.target.value)}
        className={`block w-full rounded border px-2 py-1 font-mono text-[12px] leading-5 ${problems.length ? "border-red-400" : "border-slate-300"}`}
      />
      <div aria-live="polite" data-testid="rules-status" className="text-xs">
        {checking ? <span className="text-slate-500">Checking…</span> : problems.length === 0 ? <span className="text-emerald-700">Rules are valid.</span> : <span className="text-red-700">{problems.length} problem{problems.length === 1 ? "" : "s"}</span>}
      </div>
      {problems.length ? (
        <ul className="flex flex-col gap-2" aria-label="Rule problems">
          {problems.map((p, i) => (
            <li key={i} className="rounded border border-red-200 bg-red-50 px-2 py-1 text-red-800" data-testid="rule-problem">
              <div className="flex items-baseline justify-between gap-2">
                <span>
                  <code className="font-semibold">{p.path}</code>: {p.message}
                  {p.position !== undefined ? <span className="ml-1 text-xs">(expression position {p.position})</span> : null}
                  {p.mark ? <span className="ml-1 text-xs text-red-600">line {p.mark.line}, column {p.mark.column}</span> : null}
                </span>
                {p.mark ? <button type="button" className="text-xs text-sky-700 underline" onClick={() => select(p)}>Show in text</button> : null}
              </div>
              <Snippet text={text} p={p} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
