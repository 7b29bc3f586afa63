"use client";
// The Joiner's action forms: join to one mventry, project as a new mventry, explicit disconnector on/off.
// Each shows the service's refusal (e.g. the mventry already has a connector from this MA) in place.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { JoinerResult } from "../../lib/dto/metaverse.ts";
import { Button, Notice, Select } from "../ui/form.tsx";

type Action = (prev: ActionState<JoinerResult>, form: FormData) => Promise<ActionState<JoinerResult>>;

function Refusal({ state }: { state: ActionState<JoinerResult> }) {
  return state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null;
}

export function JoinButton({ action, csId, mvId, label }: { action: Action; csId: string; mvId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={`Join to ${label}`} className="flex flex-col gap-1">
      <input type="hidden" name="csId" value={csId} />
      <input type="hidden" name="mvId" value={mvId} />
      <div><Button type="submit" disabled={pending} className="px-2 py-0.5 text-xs">{pending ? "Joining…" : "Join"}</Button></div>
      <Refusal state={state} />
    </form>
  );
}

export function ProjectForm({ action, csId, objectTypes, defaultType }: { action: Action; csId: string; objectTypes: string[]; defaultType?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label="Project as a new mventry" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
      <input type="hidden" name="csId" value={csId} />
      <div className="flex items-end gap-2">
        <div className="w-48">
          <label htmlFor="project-type" className="text-xs font-medium text-slate-600">Metaverse object type</label>
          <Select id="project-type" name="mvObjectType" defaultValue={defaultType ?? objectTypes[0]}>
            {objectTypes.map((t) => <option key={t} value={t}>{t}</option>)}
          </Select>
        </div>
        <Button type="submit" disabled={pending}>{pending ? "Projecting…" : "Project"}</Button>
      </div>
      <p className="text-xs text-slate-500">Creates an empty mventry of this type linked to the csentry; the next delta sync of the MA fills its attributes.</p>
      <Refusal state={state} />
    </form>
  );
}

export function DisconnectorStateButton({ action, csId, explicit }: { action: Action; csId: string; explicit: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={explicit ? "Make normal disconnector" : "Make explicit disconnector"} className="flex flex-col gap-1">
      <input type="hidden" name="csId" value={csId} />
      <input type="hidden" name="state" value={explicit ? "normal-disconnector" : "explicit-disconnector"} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-0.5 text-xs">
          {explicit ? "Make normal disconnector" : "Make explicit disconnector"}
        </Button>
      </div>
      {state?.ok ? <Notice tone="success">Now a {state.data.state}.</Notice> : null}
      <Refusal state={state} />
    </form>
  );
}
