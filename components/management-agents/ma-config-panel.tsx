"use client";
// Configuration as code for one MA: download it as YAML (no secrets), or upload an edited one. A
// refused upload lists every problem with its place (path and line); nothing is changed then.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { Button, Notice } from "../ui/form.tsx";

type Result = { maName: string; runProfiles: number };
type Action = (prev: ActionState<Result>, form: FormData) => Promise<ActionState<Result>>;

export function MaConfigPanel({ action, maId, maName }: { action: Action; maId: string; maName: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [headline, ...problems] = state && !state.ok ? state.message.split("\n") : [];
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-slate-500">
        Its settings, rules, safety and run profiles as YAML (docs/configuration.md). Secrets are not in the file; an uploaded file
        without them keeps the ones stored. Run profiles the file leaves out are kept.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <a className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-sky-800 hover:bg-slate-50" href={`/api/management-agents/${maId}/config`} download>
          Download YAML
        </a>
        <form action={formAction} aria-label="Upload configuration" className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="maId" value={maId} />
          <label htmlFor="ma-config-file" className="text-xs font-medium text-slate-600">YAML file of {maName}</label>
          <input id="ma-config-file" name="file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" required className="text-xs" />
          <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Applying…" : "Upload and apply"}</Button>
        </form>
      </div>
      {state?.ok ? <Notice tone="success">Configuration of {state.data.maName} applied ({state.data.runProfiles} run profiles in the file).</Notice> : null}
      {state && !state.ok ? (
        <Notice tone="error">
          <p>{headline}</p>
          {problems.length ? (
            <ul className="ml-4 list-disc font-mono text-xs" aria-label="Problems">
              {problems.map((p, i) => <li key={i}>{p.trim()}</li>)}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}
