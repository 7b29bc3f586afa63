"use client";
// The rules pages (connector filter, join and projection, attribute flow, provisioning) share one
// YAML rules text until their structured forms land; each page names its section. The text is
// checked live (YAML syntax here, then validateRules on the server through the checkRules action)
// and every problem is marked in it; the metaverse model and the discovered schema are shown for
// reference.
import { useEffect, useRef, useState } from "react";
import type { RuleProblemView, SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
import type { MvObjectTypeView } from "../../lib/dto/metaverse.ts";
import type { ActionResult } from "../../lib/dto/action-result.ts";
import { Notice } from "../ui/form.tsx";
import { RulesEditor } from "./rules-editor.tsx";
import { locate, parseRulesText, type RulesTextProblem } from "./rules-yaml.ts";

type Check = (input: { rules: unknown }) => Promise<ActionResult<RuleProblemView[]>>;

/** Problems of the rules text, re-checked 400 ms after the last change (late answers are dropped). */
function useRulesCheck(text: string, extra: Record<string, unknown>, check: Check): { problems: RulesTextProblem[]; checking: boolean } {
  const [state, setState] = useState<{ problems: RulesTextProblem[]; checking: boolean }>({ problems: [], checking: true });
  const seq = useRef(0);
  const extraKey = JSON.stringify(extra);
  useEffect(() => {
    const id = ++seq.current;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(async () => {
      const parsed = parseRulesText(text);
      if (!parsed.ok) {
        if (id === seq.current) setState({ problems: parsed.problems, checking: false });
        return;
      }
      const result = await check({ rules: { ...parsed.rules, ...(JSON.parse(extraKey) as Record<string, unknown>) } });
      if (id !== seq.current) return;
      if (!result.ok) setState({ problems: [{ path: "(rules)", message: `${result.code}: ${result.message}` }], checking: false });
      else setState({ problems: result.data.map((p) => locate(text, parsed.doc, p)), checking: false });
    }, 400);
    return () => clearTimeout(timer);
  }, [text, extraKey, check]);
  return state;
}

function Reference({ model, schema }: { model: MvObjectTypeView[]; schema: SchemaDiscoveryView | null }) {
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
      {schema?.ok ? (
        <div>
          <h3 className="mb-1 font-semibold text-slate-700">Connector space (discovered)</h3>
          {schema.objectTypes.map((t) => (
            <details key={t.name} open className="mb-1 rounded border border-slate-200 bg-white px-2 py-1">
              <summary className="cursor-pointer font-mono font-medium">{t.name}</summary>
              <ul className="mt-1 font-mono">
                {t.attributes.map((a) => <li key={a.name}>{a.name} <span className="text-slate-400">{a.type}{a.multiValued ? ", multi" : ""}</span></li>)}
              </ul>
            </details>
          ))}
        </div>
      ) : null}
    </aside>
  );
}

export function StepRules(props: {
  /** which section of the rules this page is about. */
  note: string;
  text: string;
  deprovision: string;
  deleteMvOnDisconnect: boolean;
  model: MvObjectTypeView[];
  schema: SchemaDiscoveryView | null;
  check: Check;
  onChange: (text: string) => void;
}) {
  const extra = { deprovision: props.deprovision, ...(props.deleteMvOnDisconnect ? { deleteMvOnDisconnect: true } : {}) };
  const { problems, checking } = useRulesCheck(props.text, extra, props.check);
  return (
    <div className="grid gap-4 xl:grid-cols-[1fr_18rem]">
      <div className="flex flex-col gap-3">
        <Notice>{props.note}</Notice>
        <RulesEditor text={props.text} problems={problems} checking={checking} onChange={props.onChange} />
      </div>
      <Reference model={props.model} schema={props.schema} />
    </div>
  );
}
