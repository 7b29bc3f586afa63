"use client";
// The connector settings of one wizard page, rendered from its type's fields (ConfigField.page).
import type { DesignerField } from "../../lib/dto/ma-designer.ts";
import { Field, Input, Select } from "../ui/form.tsx";
import type { FormValue } from "./wizard-state.ts";

const optionLabel = (o: string) => (o === "\t" ? "tab" : o === " " ? "space" : o);

function Control({ f, value, secretSet, onChange }: { f: DesignerField; value: FormValue; secretSet: boolean; onChange: (v: FormValue) => void }) {
  const id = `cfg-${f.name}`;
  const text = typeof value === "string" ? value : "";
  switch (f.kind) {
    case "boolean":
      return <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4" />;
    case "select":
      return (
        <Select id={id} value={text} onChange={(e) => onChange(e.target.value)}>
          {!f.required || f.default === undefined ? <option value="">(default)</option> : null}
          {f.options.map((o) => <option key={o} value={o}>{optionLabel(o)}</option>)}
        </Select>
      );
    case "list":
      return <textarea id={id} value={text} rows={3} onChange={(e) => onChange(e.target.value)} className="block w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" placeholder="one a line" />;
    case "secret":
      return <Input id={id} type="password" autoComplete="new-password" value={text} placeholder={secretSet ? "unchanged" : ""} onChange={(e) => onChange(e.target.value)} />;
    case "number":
      return <Input id={id} type="number" value={text} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <Input id={id} value={text} className={f.kind === "path" ? "font-mono" : ""} onChange={(e) => onChange(e.target.value)} />;
  }
}

export interface SettingsProps {
  fields: DesignerField[];
  values: Record<string, FormValue>;
  secretsSet: string[];
  errors: Record<string, string[]>;
  onChange: (name: string, v: FormValue) => void;
}

export function SettingsFields({ fields, values, secretsSet, errors, onChange }: SettingsProps) {
  if (!fields.length) return null;
  return (
    <div className="grid max-w-3xl gap-3 sm:grid-cols-2">
      {fields.map((f) => {
        const secretSet = f.kind === "secret" && secretsSet.includes(f.name);
        const hint = [f.help, f.kind === "list" ? "One item a line (JSON objects or a JSON list where the setting needs them)." : "", secretSet ? "Stored; leave blank to keep it unchanged." : ""].filter(Boolean).join(" ");
        return (
          <Field key={f.name} label={`${f.label}${f.required ? " *" : ""}`} htmlFor={`cfg-${f.name}`} errors={errors[f.name]} hint={hint || undefined}>
            <Control f={f} value={values[f.name] ?? ""} secretSet={secretSet} onChange={(v) => onChange(f.name, v)} />
          </Field>
        );
      })}
    </div>
  );
}
