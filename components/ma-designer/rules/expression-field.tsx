"use client";
// One expression of a rule (JSONata): the text, the live check's problems at this field with the
// offending character marked, and a preview of its value on a sample object (the connection preview's
// csentry, or an mventry of the metaverse object type). The preview follows the text once the field
// was edited or "Preview" was pressed; an answer for an older text is never shown.
import { useEffect, useRef, useState } from "react";
import type { ExpressionPreviewView } from "../../../lib/dto/ma-designer-rules.ts";
import type { ExpressionPreviewInput } from "../../../lib/schemas/ma-designer-rules.ts";
import { problemsAt, sampleOf, type RulesPageContext } from "./rules-context.ts";

export interface ExpressionFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** the rule path the live check names this expression by, e.g. `importFlows[2].expression`. */
  path: string;
  context: RulesPageContext;
  scope: "csentry" | "mventry";
  /** csentry object type, or metaverse object type for an mventry expression. */
  objectType: string;
  /** a condition: the preview shows true/false. */
  condition?: boolean;
  placeholder?: string;
}

/** The expression with the character before JSONata's position marked (the position is just past the token). */
function Marked({ source, position }: { source: string; position: number }) {
  const at = Math.max(0, Math.min(position - 1, source.length - 1));
  return (
    <pre className="mt-1 overflow-x-auto rounded bg-slate-900 px-2 py-1 font-mono text-[12px] text-slate-100">
      {source.slice(0, at)}
      <mark data-testid="expression-error-mark" className="rounded-sm bg-red-500 px-px text-white">{source.slice(at, at + 1) || " "}</mark>
      {source.slice(at + 1)}
    </pre>
  );
}

function PreviewLine({ result }: { result: ExpressionPreviewView }) {
  if (!result.ok) {
    if (result.code === "no-sample") return <span className="text-slate-500">{result.message}</span>;
    return <span className="text-red-700">{result.code}: {result.message}</span>;
  }
  const values = result.values.length === 0 ? <em>(no value)</em> : result.values.map((v, i) => <code key={i} className="mr-1 rounded bg-emerald-50 px-1 text-emerald-900">{v}</code>);
  return (
    <span>
      <span className="text-slate-500">on {result.sample.objectType} <code>{result.sample.label}</code> ({result.sample.from.replace("-", " ")}): </span>
      {result.condition !== undefined ? <strong className="mr-1">{result.condition ? "true" : "false"}</strong> : null}
      {result.condition === undefined ? values : null}
    </span>
  );
}

export function ExpressionField(props: ExpressionFieldProps) {
  const { context, value, scope, objectType, condition } = props;
  const problems = problemsAt(context, props.path);
  const [active, setActive] = useState(false);
  const [preview, setPreview] = useState<{ source: string; result: ExpressionPreviewView | { ok: false; code: string; message: string } } | null>(null);
  const seq = useRef(0);
  const sample = scope === "csentry" ? sampleOf(context, objectType) : undefined;
  // The whole request as one string: the effect re-runs when any part of it changes, and only then.
  const request = JSON.stringify({
    source: value, scope, objectType, condition: condition ?? false,
    ...(sample?.attrs ? { sample: { dn: sample.dn ?? "", ...(sample.anchor ? { anchor: sample.anchor } : {}), attrs: sample.attrs } } : {}),
    ...(context.maId ? { maId: context.maId } : {}),
  });
  const { previewExpression } = context.actions;

  useEffect(() => {
    const input = JSON.parse(request) as ExpressionPreviewInput & { source: string; objectType: string };
    if (!active || !input.source.trim() || !input.objectType) return;
    const id = ++seq.current;
    const timer = setTimeout(async () => {
      const r = await previewExpression(input);
      if (id !== seq.current) return;
      setPreview({ source: input.source, result: r.ok ? r.data : { ok: false, code: r.code, message: r.message } });
    }, 500);
    return () => clearTimeout(timer);
  }, [active, request, previewExpression]);

  const shown = preview && preview.source === value ? preview.result : null;
  const failedAt = shown && !shown.ok && "position" in shown && typeof shown.position === "number" ? shown.position : undefined;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={props.id} className="text-xs font-medium text-slate-600">{props.label}</label>
      <textarea
        id={props.id}
        value={value}
        rows={Math.min(4, Math.max(1, Math.ceil(value.length / 60)))}
        spellCheck={false}
        placeholder={props.placeholder}
        aria-invalid={problems.length ? true : undefined}
        onChange={(e) => {
          setActive(true);
          props.onChange(e.target.value);
        }}
        className={`block w-full rounded border px-2 py-1 font-mono text-[12px] leading-5 ${problems.length ? "border-red-400" : "border-slate-300"}`}
      />
      {problems.map((p, i) => (
        <div key={i} role="alert" data-testid="expression-problem" className="text-xs text-red-700">
          {p.message}
          {p.position !== undefined ? <Marked source={value} position={p.position} /> : null}
        </div>
      ))}
      <div className="flex items-baseline gap-2 text-xs" data-testid="expression-preview" aria-live="polite">
        <button type="button" className="shrink-0 text-sky-700 underline disabled:text-slate-400" disabled={!value.trim()} onClick={() => setActive(true)}
          aria-label={`Preview ${props.label}`}>
          Preview
        </button>
        {active && value.trim() && !shown ? <span className="text-slate-500">…</span> : null}
        {shown ? <PreviewLine result={shown as ExpressionPreviewView} /> : null}
      </div>
      {failedAt !== undefined && !problems.length ? <Marked source={value} position={failedAt} /> : null}
    </div>
  );
}
