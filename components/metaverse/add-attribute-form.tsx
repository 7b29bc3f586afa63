"use client";
// Metaverse Designer: add an attribute to an object type.
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { MV_ATTRIBUTE_TYPES, PRECEDENCE_MODES } from "../../lib/schemas/metaverse.ts";
import { Button, Field, Input, Notice, Select } from "../ui/form.tsx";

type Result = { objectType: string; name: string };
type Action = (prev: ActionState<Result>, form: FormData) => Promise<ActionState<Result>>;

export function AddAttributeForm({ action, objectTypes }: { action: Action; objectTypes: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3" aria-label="Add attribute">
      <h3 className="font-semibold">Add attribute</h3>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">Attribute “{state.data.objectType}.{state.data.name}” added.</Notice> : null}
      {objectTypes.length === 0 ? (
        <p className="text-slate-500">Add an object type first.</p>
      ) : (
        <>
          <Field label="Object type" htmlFor="at-objectType" errors={errors.objectType}>
            <Select id="at-objectType" name="objectType" required>
              {objectTypes.map((t) => <option key={t} value={t}>{t}</option>)}
            </Select>
          </Field>
          <Field label="Attribute name" htmlFor="at-name" errors={errors.name}>
            <Input id="at-name" name="name" required maxLength={64} />
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="Type" htmlFor="at-type" errors={errors.type}>
              <Select id="at-type" name="type" defaultValue="string">
                {MV_ATTRIBUTE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
              </Select>
            </Field>
            <Field label="Precedence" htmlFor="at-precedence" errors={errors.precedence}>
              <Select id="at-precedence" name="precedence" defaultValue="ranked">
                {PRECEDENCE_MODES.map((t) => <option key={t} value={t}>{t}</option>)}
              </Select>
            </Field>
          </div>
          <div className="flex gap-4 text-[13px]">
            {/* hidden "false" first: an unchecked box posts nothing, a checked one posts "on" after it (the last value wins) */}
            <input type="hidden" name="multiValued" value="false" />
            <label className="flex items-center gap-1"><input type="checkbox" name="multiValued" /> Multi-valued</label>
            <input type="hidden" name="indexed" value="false" />
            <label className="flex items-center gap-1"><input type="checkbox" name="indexed" defaultChecked /> Indexed</label>
          </div>
          <div>
            <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add attribute"}</Button>
          </div>
        </>
      )}
    </form>
  );
}
