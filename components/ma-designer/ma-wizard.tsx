"use client";
// The MA Designer wizard (after MIIS's Management Agent Designer): six pages, state kept here in the
// browser until "Create"/"Save" sends the whole draft to the server, which validates it all again.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import type { ConnectionTestView, ConnectorTypeView, MaDesignerState, SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
import type { MvObjectTypeView } from "../../lib/dto/metaverse.ts";
import { Button, Notice } from "../ui/form.tsx";
import type { DesignerActions } from "./designer-actions.ts";
import { parseRulesText, rulesToText } from "./rules-yaml.ts";
import { StepConnection } from "./step-connection.tsx";
import { StepGeneral } from "./step-general.tsx";
import { StepReview, type SaveRefusal } from "./step-review.tsx";
import { StepRules } from "./step-rules.tsx";
import { StepRunProfiles } from "./step-run-profiles.tsx";
import { StepSchema } from "./step-schema.tsx";
import { configFrom, draftFrom, initialState, valuesFor, type WizardState } from "./wizard-state.ts";

const STEPS = ["General", "Connection", "Schema and preview", "Rules", "Run profiles and safety", "Review and save"];

export function MaWizard({ types, model, initial, actions }: { types: ConnectorTypeView[]; model: MvObjectTypeView[]; initial: MaDesignerState | null; actions: DesignerActions }) {
  const router = useRouter();
  const [state, setState] = useState<WizardState>(() => initialState(initial, rulesToText, types.find((t) => t.type === initial?.type)?.fields ?? []));
  const [step, setStep] = useState(0);
  const [generalErrors, setGeneralErrors] = useState<Record<string, string[]>>({});
  const [test, setTest] = useState<{ pending: boolean; result: ConnectionTestView | null }>({ pending: false, result: null });
  const [schema, setSchema] = useState<{ pending: boolean; result: SchemaDiscoveryView | null }>({ pending: false, result: null });
  const [refusal, setRefusal] = useState<SaveRefusal | null>(null);
  const [saving, startSaving] = useTransition();
  const type = types.find((t) => t.type === state.type);
  const fields = useMemo(() => type?.fields ?? [], [type]);
  const built = configFrom(fields, state.values, state.extraConfig);
  const connectionErrors = Object.fromEntries(Object.entries(built.errors).map(([k, v]) => [k, [v]]));
  const patch = (p: Partial<WizardState>) => setState((s) => ({ ...s, ...p }));
  const connection = () => ({ ...(initial ? { maId: initial.maId } : {}), type: state.type, config: built.config });

  const go = (to: number) => {
    if (to > 0) {
      const errors: Record<string, string[]> = {};
      if (!state.name.trim()) errors.name = ["the MA name is required"];
      if (!type) errors.type = ["choose a connector type"];
      setGeneralErrors(errors);
      if (Object.keys(errors).length) return setStep(0);
    }
    setStep(to);
  };

  const onType = (t: string) => {
    const next = types.find((x) => x.type === t);
    setState((s) => ({ ...s, type: t, values: valuesFor(next?.fields ?? []), extraConfig: {} }));
    setTest({ pending: false, result: null });
    setSchema({ pending: false, result: null });
  };

  const runTest = async () => {
    setTest({ pending: true, result: null });
    const r = await actions.testConnection(connection());
    setTest({ pending: false, result: r.ok ? r.data : { ok: false, code: r.code, message: r.message } });
  };

  const discover = async () => {
    setSchema((s) => ({ pending: true, result: s.result }));
    const r = await actions.discoverSchema(connection());
    setSchema({ pending: false, result: r.ok ? r.data : { ok: false, code: r.code, message: r.message } });
  };

  const parsedRules = parseRulesText(state.rulesText);
  const draft = draftFrom(state, fields, parsedRules.ok ? parsedRules.rules : {}, initial?.maId);

  const save = () => {
    if (!parsedRules.ok) {
      setRefusal({ message: "the rules text is not valid YAML", problems: parsedRules.problems.map((p) => ({ section: "rules", path: p.path, messages: [p.message] })) });
      return;
    }
    startSaving(async () => {
      const r = await actions.save(draft);
      if (r.ok) {
        router.push(`/management-agents/${encodeURIComponent(r.data.maId)}`);
        return;
      }
      const problems = Object.entries(r.fieldErrors).map(([key, messages]) => {
        const at = key.indexOf(":");
        return at > 0 ? { section: key.slice(0, at), path: key.slice(at + 1), messages } : { section: "general", path: key, messages };
      });
      setRefusal({ message: `${r.code}: ${r.message}`, problems });
    });
  };

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Wizard steps">
        <ol className="flex flex-wrap gap-1">
          {STEPS.map((label, i) => (
            <li key={label}>
              <button type="button" onClick={() => go(i)} aria-current={i === step ? "step" : undefined}
                className={`rounded px-2 py-1 text-xs font-medium ${i === step ? "bg-sky-700 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
                {i + 1}. {label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="text-base font-semibold text-slate-800">{step + 1}. {STEPS[step]}</h2>
      {step === 0 ? (
        <StepGeneral types={types} name={state.name} description={state.description} type={state.type} typeLocked={initial !== null} errors={generalErrors}
          onChange={(p) => (p.type !== undefined ? onType(p.type) : patch(p))} />
      ) : null}
      {step === 1 ? (
        <StepConnection fields={fields} values={state.values} secretsSet={initial?.secretsSet ?? []} errors={connectionErrors} test={test}
          onChange={(name, v) => setState((s) => ({ ...s, values: { ...s.values, [name]: v } }))} onTest={runTest} />
      ) : null}
      {step === 2 ? <StepSchema result={schema.result} pending={schema.pending} onDiscover={discover} /> : null}
      {step === 3 ? (
        <StepRules text={state.rulesText} deprovision={state.deprovision} deleteMvOnDisconnect={state.deleteMvOnDisconnect} model={model} schema={schema.result}
          check={actions.checkRules} onChange={patch} />
      ) : null}
      {step === 4 ? (
        <StepRunProfiles profiles={state.runProfiles} safety={state.safety} stagingMode={state.stagingMode}
          onProfiles={(runProfiles) => patch({ runProfiles })} onSafety={(safety) => patch({ safety })} onStaging={(stagingMode) => patch({ stagingMode })} />
      ) : null}
      {step === 5 ? (
        <StepReview draft={draft} type={type} secretsSet={initial?.secretsSet ?? []} pending={saving} refusal={refusal} editing={initial !== null} onSave={save} onGoTo={setStep} />
      ) : null}
      {step === 1 && Object.keys(connectionErrors).length ? <Notice tone="error">Fix the marked settings first.</Notice> : null}
      <div className="flex gap-2 border-t border-slate-200 pt-3">
        <Button type="button" variant="secondary" disabled={step === 0} onClick={() => go(step - 1)}>Back</Button>
        {step < STEPS.length - 1 ? <Button type="button" onClick={() => go(step + 1)}>Next</Button> : null}
      </div>
    </div>
  );
}
