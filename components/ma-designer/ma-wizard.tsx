"use client";
// The MA Designer wizard (after MIM's Management Agent Designer): one page per topic, Back/Next and
// a step nav. State lives here in the browser, so going back keeps what was entered; Next asks the
// server to check the page's part of the draft and stays on the page while it has problems (the
// step nav may still jump, as MIM allows). "Create"/"Save" sends the whole draft, checked again.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import type { ConnectionTestView, ConnectorTypeView, FileSampleView, MaDesignerState, MaDraftResume, PageProblemView, SqlTableView } from "../../lib/dto/ma-designer.ts";
import type { MvObjectTypeView } from "../../lib/dto/metaverse.ts";
import { Button, Notice } from "../ui/form.tsx";
import type { DesignerActions } from "./designer-actions.ts";
import type { Discovery, MissingSetting } from "./discovery-view.tsx";
import { isRulesTopic, unparsedYamlProblems } from "./rules/rules-topics.ts";
import { type SaveRefusal } from "./step-review.tsx";
import { PageBody } from "./wizard-page-body.tsx";
import { isFileType, MA_WIZARD_PAGES, pageIndex, pageTitle, type MaWizardPage } from "./wizard-pages.ts";
import { DraftControl } from "./draft-control.tsx";
import { configFrom, draftFrom, draftStateFrom, initialState, stateFromDraft, valuesFor, type WizardState } from "./wizard-state.ts";

const FIELD_PAGES = new Set<MaWizardPage>(["create"]);
const DISCOVERING_PAGES = new Set<MaWizardPage>(["objectTypes", "attributes", "anchor"]);

function byPath(problems: PageProblemView[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[p.path] ??= []).push(p.position !== undefined && !p.message.includes("position") ? `${p.message} (position ${p.position})` : p.message);
  return out;
}

export function MaWizard({ types, model, initial, actions, resume = null }: {
  types: ConnectorTypeView[]; model: MvObjectTypeView[]; initial: MaDesignerState | null; actions: DesignerActions;
  /** a saved draft to go on with (new MAs only): its state, opened on the page where it was left. */
  resume?: MaDraftResume | null;
}) {
  const router = useRouter();
  const [state, setState] = useState<WizardState>(() => resume
    ? stateFromDraft(resume.state, types.find((t) => t.type === resume.state.type)?.fields ?? [])
    : initialState(initial, types.find((t) => t.type === initial?.type)?.fields ?? []));
  const [page, setPage] = useState<MaWizardPage>(() => (resume && (MA_WIZARD_PAGES as readonly string[]).includes(resume.page) ? (resume.page as MaWizardPage) : "create"));
  const [draftId, setDraftId] = useState<string | undefined>(resume?.id);
  const [problems, setProblems] = useState<{ page: MaWizardPage; list: PageProblemView[]; message?: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [test, setTest] = useState<{ pending: boolean; result: ConnectionTestView | null }>({ pending: false, result: null });
  const [namingContexts, setNamingContexts] = useState<string[] | undefined>(undefined);
  const [tables, setTables] = useState<SqlTableView[] | undefined>(undefined);
  const [discovery, setDiscovery] = useState<Discovery & { key: string }>({ pending: false, result: null, key: "" });
  const [sample, setSample] = useState<{ pending: boolean; result: FileSampleView | null; key: string }>({ pending: false, result: null, key: "" });
  const [refusal, setRefusal] = useState<SaveRefusal | null>(null);
  const [saving, startSaving] = useTransition();
  const type = types.find((t) => t.type === state.type);
  const fields = useMemo(() => type?.fields ?? [], [type]);
  const built = configFrom(fields, state.values, state.extraConfig);
  const patch = (p: Partial<WizardState>) => {
    // an edited field's problem is stale: drop it until the next check
    const edited = new Set(Object.keys(p).flatMap((k) => (k === "values" && p.values ? Object.keys(p.values).filter((n) => p.values![n] !== state.values[n]) : [k])));
    setProblems((x) => {
      // a rule page's problems come from the rules as they were: the live check on the page takes over
      if (x && (p.rules !== undefined || p.rulesYaml !== undefined) && isRulesTopic(x.page)) return null;
      return x && x.list.some((q) => edited.has(q.path)) ? { ...x, list: x.list.filter((q) => !edited.has(q.path)) } : x;
    });
    setState((s) => ({ ...s, ...p }));
  };
  const connection = () => ({ ...(initial ? { maId: initial.maId } : {}), type: state.type, config: built.config });
  const connectionKey = JSON.stringify(connection());
  const draft = { ...draftFrom(state, fields, initial?.maId), ...(draftId ? { draftId } : {}) };
  const index = pageIndex(page);
  const secretsSet = initial?.secretsSet ?? [];
  const missing: MissingSetting[] = fields
    .filter((f) => f.required && f.default === undefined && built.config[f.name] === undefined && !secretsSet.includes(f.name))
    .map((f) => ({ label: f.label, page: f.page, pageTitle: pageTitle(f.page, state.type) }));

  const go = (to: MaWizardPage) => {
    setProblems(null);
    setPage(to);
  };

  const onType = (t: string) => {
    const next = types.find((x) => x.type === t);
    setState((s) => ({ ...s, type: t, values: valuesFor(next?.fields ?? []), extraConfig: {} }));
    setTest({ pending: false, result: null });
    setNamingContexts(undefined);
    setDiscovery({ pending: false, result: null, key: "" });
    setSample({ pending: false, result: null, key: "" });
  };

  const runTest = async () => {
    setTest({ pending: true, result: null });
    const r = await actions.probeConnection(connection());
    const result: ConnectionTestView = r.ok ? r.data : { ok: false, code: r.code, message: r.message };
    setTest({ pending: false, result });
    if (result.ok && result.namingContexts) setNamingContexts(result.namingContexts);
    if (result.ok && result.tables) setTables(result.tables);
  };

  const discover = async () => {
    const key = connectionKey;
    setDiscovery((d) => ({ ...d, pending: true }));
    const r = await actions.discoverSchema(JSON.parse(key));
    setDiscovery({ pending: false, result: r.ok ? r.data : { ok: false, code: r.code, message: r.message }, key });
  };

  const readSample = async () => {
    const key = connectionKey;
    setSample((x) => ({ ...x, pending: true }));
    const r = await actions.sampleFile(JSON.parse(key));
    setSample({ pending: false, result: r.ok ? r.data : { ok: false, code: r.code, message: r.message }, key });
  };

  // Object types, attributes and anchor show a live sample: read again when the settings changed
  // (not before the required settings are all there: the reader would only refuse). A file's
  // format page shows its first lines.
  useEffect(() => {
    // the rule pages too: their attribute choices and expression samples come from the same read
    const reads = DISCOVERING_PAGES.has(page) || isRulesTopic(page);
    if (reads && type && !missing.length && !discovery.pending && discovery.key !== connectionKey) void discover();
    if (page === "scope" && isFileType(state.type) && !sample.pending && sample.key !== connectionKey) void readSample();
  }, [page]); // on entering a page only: typing in a setting must not start a read per keystroke

  /** Problems the browser sees itself: a settings list that does not parse, rules that are not YAML. */
  const localProblems = (): PageProblemView[] => {
    const own = new Set(fields.filter((f) => f.page === page).map((f) => f.name));
    const out = Object.entries(built.errors).filter(([k]) => own.has(k)).map(([path, message]) => ({ path, message }));
    if (isRulesTopic(page)) out.push(...(unparsedYamlProblems(state.rulesYaml) ?? []));
    return out;
  };

  const next = async () => {
    const local = localProblems();
    if (local.length) return setProblems({ page, list: local });
    setChecking(true);
    const r = await actions.checkPage({ page, draft });
    setChecking(false);
    if (!r.ok) return setProblems({ page, list: [], message: `${r.code}: ${r.message}` });
    if (r.data.length) return setProblems({ page, list: r.data });
    go(MA_WIZARD_PAGES[index + 1]);
  };

  const save = () => {
    const unparsed = unparsedYamlProblems(state.rulesYaml);
    if (unparsed) {
      setRefusal({ message: "the rules YAML does not parse: fix it first", problems: unparsed.map((p) => ({ section: "rules", path: p.path, messages: [p.message] })) });
      return;
    }
    startSaving(async () => {
      const r = await actions.save(draft);
      if (r.ok) {
        router.push(`/management-agents/${encodeURIComponent(r.data.maId)}`);
        return;
      }
      const list = Object.entries(r.fieldErrors).map(([key, messages]) => {
        const at = key.indexOf(":");
        return at > 0 ? { section: key.slice(0, at), path: key.slice(at + 1), messages } : { section: "general", path: key, messages };
      });
      setRefusal({ message: `${r.code}: ${r.message}`, problems: list });
    });
  };

  const errors = problems?.page === page ? byPath(problems.list) : {};
  // problems shown next to their field need no second mention in the list under the page
  const atFields = new Set([...fields.filter((f) => f.page === page).map((f) => f.name), ...(FIELD_PAGES.has(page) ? ["name", "description", "type"] : [])]);
  const unplaced = problems?.page === page ? problems.list.filter((p) => !atFields.has(p.path)) : [];
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Wizard steps">
        <ol className="flex flex-wrap gap-1">
          {MA_WIZARD_PAGES.map((p, i) => (
            <li key={p}>
              <button type="button" onClick={() => go(p)} aria-current={p === page ? "step" : undefined}
                className={`rounded px-2 py-1 text-xs font-medium ${p === page ? "bg-sky-700 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
                {i + 1}. {pageTitle(p, state.type)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {resume ? (
        <Notice>
          Resumed from a draft{resume.state.name ? ` of “${resume.state.name}”` : ""}; creating the management agent removes the draft.
          {resume.secretsDropped.length ? ` Secrets are not kept in drafts: enter ${resume.secretsDropped.map((n) => fields.find((f) => f.name === n)?.label ?? n).join(", ")} again.` : ""}
        </Notice>
      ) : null}
      <h2 className="text-base font-semibold text-slate-800">{index + 1}. {pageTitle(page, state.type)}</h2>
      <PageBody page={page} types={types} type={type} fields={fields} state={state} initial={initial} model={model} errors={errors}
        test={test} namingContexts={namingContexts} tables={tables} discovery={discovery} missing={missing}
        fileSample={isFileType(state.type) ? sample : null} draft={draft} saving={saving} refusal={refusal}
        actions={actions} onType={onType} patch={patch} onTest={runTest} onDiscover={discover} onSave={save} onGoTo={go} />
      {problems?.page === page && (problems.list.length || problems.message) ? (
        <div data-testid="page-problems">
          <Notice tone="error">
            <p className="font-medium">{problems.message ?? (unplaced.length ? "Fix these before going on:" : "Fix the marked settings before going on.")}</p>
            <ul className="mt-1 list-disc pl-5">
              {unplaced.map((p, i) => <li key={i}><code>{p.path}</code>: {p.message}{p.position !== undefined ? ` (position ${p.position})` : ""}</li>)}
            </ul>
          </Notice>
        </div>
      ) : null}
      <div className="flex gap-2 border-t border-slate-200 pt-3">
        <Button type="button" variant="secondary" disabled={index === 0} onClick={() => go(MA_WIZARD_PAGES[index - 1])}>Back</Button>
        {index < MA_WIZARD_PAGES.length - 1 ? <Button type="button" disabled={checking} onClick={next}>{checking ? "Checking…" : "Next"}</Button> : null}
        {actions.saveDraft && initial === null ? (
          <DraftControl save={() => actions.saveDraft!({ ...(draftId ? { draftId } : {}), page, state: draftStateFrom(state) })} onSaved={setDraftId} />
        ) : null}
      </div>
    </div>
  );
}
