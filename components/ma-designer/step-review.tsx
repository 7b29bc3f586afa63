"use client";
// Summary: everything entered, grouped per page with an "Edit" link back to it, the save button,
// and the server's refusal with each problem's place and its page.
import type { ConnectorTypeView } from "../../lib/dto/ma-designer.ts";
import type { MaDraftInput } from "../../lib/schemas/ma-designer.ts";
import { RULE_SECTION_PAGE, SETTINGS_PAGES } from "../../lib/schemas/ma-designer-pages.ts";
import { Button, Notice } from "../ui/form.tsx";
import { pageTitle, type MaWizardPage } from "./wizard-pages.ts";

export interface SaveRefusal {
  message: string;
  problems: { section: string; path: string; messages: string[] }[];
}

/** The page a save problem belongs to (connection settings by their field's page, rules by section). */
export function problemPage(p: { section: string; path: string }, type: ConnectorTypeView | undefined): MaWizardPage | null {
  if (p.section === "general") return "create";
  if (p.section === "runProfiles" || p.section === "safety") return "runProfiles";
  if (p.section === "connection") {
    const name = p.path.replace(/^config\./, "").split(".")[0];
    return type?.fields.find((f) => f.name === name)?.page ?? "anchor";
  }
  if (p.section === "rules") return RULE_SECTION_PAGE[p.path.replace(/^rules\./, "").split(/[.[]/)[0]] ?? "connectorFilter";
  return null;
}

function Group({ page, type, onGoTo, children }: { page: MaWizardPage; type: string; onGoTo: (p: MaWizardPage) => void; children: React.ReactNode }) {
  const title = pageTitle(page, type);
  return (
    <section className="rounded border border-slate-200 bg-white p-3" aria-label={`Summary: ${title}`}>
      <div className="mb-1 flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
        <button type="button" className="text-xs text-sky-700 underline" aria-label={`Edit ${title}`} onClick={() => onGoTo(page)}>Edit</button>
      </div>
      <div className="text-[13px]">{children}</div>
    </section>
  );
}

export function StepReview(props: {
  draft: MaDraftInput;
  type: ConnectorTypeView | undefined;
  secretsSet: string[];
  pending: boolean;
  refusal: SaveRefusal | null;
  editing: boolean;
  onSave: () => void;
  onGoTo: (page: MaWizardPage) => void;
}) {
  const { draft, type } = props;
  const t = draft.type;
  const fields = type?.fields ?? [];
  const secrets = new Set(fields.filter((f) => f.kind === "secret").map((f) => f.name));
  const settingLine = (k: string) => {
    const v = draft.config[k];
    if (v === undefined) return props.secretsSet.includes(k) ? "(unchanged)" : null;
    return secrets.has(k) ? "(new value)" : JSON.stringify(v);
  };
  const covered = new Set(fields.map((f) => f.name));
  const rules = draft.rules as Record<string, unknown[] | undefined>;
  const count = (k: string) => (Array.isArray(rules[k]) ? rules[k].length : 0);
  return (
    <div className="flex max-w-4xl flex-col gap-3">
      <Group page="create" type={t} onGoTo={props.onGoTo}>
        <div className="font-medium">{draft.name}</div>
        {draft.description ? <div className="text-slate-600">{draft.description}</div> : null}
        <div>{type?.label ?? draft.type}</div>
      </Group>
      {SETTINGS_PAGES.map((page) => {
        const names = fields.filter((f) => f.page === page).map((f) => f.name);
        if (page === "connect") names.push(...Object.keys(draft.config).filter((k) => !covered.has(k)));
        const lines = names.map((k) => [k, settingLine(k)] as const).filter(([, v]) => v !== null);
        return (
          <Group key={page} page={page} type={t} onGoTo={props.onGoTo}>
            {lines.length ? <div className="font-mono text-xs">{lines.map(([k, v]) => <div key={k}>{k}: {v}</div>)}</div> : <span className="text-slate-400">defaults</span>}
          </Group>
        );
      })}
      <Group page="connectorFilter" type={t} onGoTo={props.onGoTo}>{count("connectorFilters")} connector filters</Group>
      <Group page="joinProjection" type={t} onGoTo={props.onGoTo}>{count("joinProjection")} join/projection rules</Group>
      <Group page="attributeFlow" type={t} onGoTo={props.onGoTo}>{count("importFlows")} import flows, {count("exportFlows")} export flows</Group>
      <Group page="deprovisioning" type={t} onGoTo={props.onGoTo}>
        deprovision: {String(rules.deprovision ?? "disconnector")}{rules.deleteMvOnDisconnect ? "; deletes the mventry with its connector" : ""}
      </Group>
      <Group page="provisioning" type={t} onGoTo={props.onGoTo}>{count("provisioning")} provisioning rules</Group>
      <Group page="runProfiles" type={t} onGoTo={props.onGoTo}>
        {(draft.runProfiles ?? []).map((p) => <div key={p.name}>{p.name}: {p.steps.map((s) => s.type).join(" → ")}{p.schedule ? ` (${p.schedule})` : ""}</div>)}
        <div className="text-slate-600">
          Staging mode {draft.stagingMode ? "on" : "off"}
          {Object.entries(draft.safety ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => `; ${k} ${String(v)}`).join("")}
        </div>
      </Group>
      {props.refusal ? (
        <div data-testid="save-refusal">
          <Notice tone="error">
            <p className="font-medium">{props.refusal.message}</p>
            <ul className="mt-1 list-disc pl-5">
              {props.refusal.problems.map((p, i) => {
                const page = problemPage(p, type);
                return (
                  <li key={i}>
                    <code>{p.path}</code>: {p.messages.join("; ")}{" "}
                    {page ? <button type="button" className="text-xs underline" onClick={() => props.onGoTo(page)}>go to the page</button> : null}
                  </li>
                );
              })}
            </ul>
          </Notice>
        </div>
      ) : null}
      <div>
        <Button type="button" onClick={props.onSave} disabled={props.pending}>{props.pending ? "Saving…" : props.editing ? "Save changes" : "Create management agent"}</Button>
      </div>
    </div>
  );
}
