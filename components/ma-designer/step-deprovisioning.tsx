"use client";
// Deprovisioning: what happens to a connector of this MA when it is disconnected from its mventry,
// and whether deleting the connector deletes the mventry (the object deletion rule).
import { DEPROVISION_ACTIONS } from "../../lib/schemas/ma-designer.ts";
import { Field, Select } from "../ui/form.tsx";

const LABELS: Record<(typeof DEPROVISION_ACTIONS)[number], string> = {
  disconnector: "make it a disconnector",
  "explicit-disconnector": "make it an explicit disconnector",
  delete: "stage a delete",
};

export function StepDeprovisioning(props: {
  deprovision: string;
  deleteMvOnDisconnect: boolean;
  errors: Record<string, string[]>;
  onChange: (patch: { deprovision?: string; deleteMvOnDisconnect?: boolean }) => void;
}) {
  return (
    <div className="grid max-w-3xl gap-3 sm:grid-cols-2">
      <Field label="Deprovisioning: when a connector of this MA is disconnected" htmlFor="rules-deprovision" errors={props.errors.deprovision}>
        <Select id="rules-deprovision" value={props.deprovision} onChange={(e) => props.onChange({ deprovision: e.target.value })}>
          {DEPROVISION_ACTIONS.map((a) => <option key={a} value={a}>{LABELS[a]}</option>)}
        </Select>
      </Field>
      <label className="flex items-center gap-2 self-end text-[13px]">
        <input type="checkbox" checked={props.deleteMvOnDisconnect} onChange={(e) => props.onChange({ deleteMvOnDisconnect: e.target.checked })} />
        Object deletion rule: delete the mventry when its connector from this MA is deleted
      </label>
    </div>
  );
}
