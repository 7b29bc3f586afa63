"use client";
// Metaverse Search form: object type, then one of its attributes, a value, equality or prefix.
// A plain GET form, so a search is a shareable URL; the attribute list follows the chosen type.
import { useState } from "react";
import { Button, Field, Input, Select } from "../ui/form.tsx";

export interface SearchModel {
  name: string;
  attributes: string[];
}

export function MvSearchForm({
  model,
  initial,
  errors,
  action = "/metaverse-search",
}: {
  model: SearchModel[];
  initial: { objectType?: string; attr?: string; value?: string; match?: string };
  errors: Record<string, string[]>;
  action?: string;
}) {
  const [objectType, setObjectType] = useState(initial.objectType && model.some((m) => m.name === initial.objectType) ? initial.objectType : model[0]?.name ?? "");
  const attrs = model.find((m) => m.name === objectType)?.attributes ?? [];
  const defaultAttr = initial.attr && attrs.includes(initial.attr) ? initial.attr : attrs.includes("displayName") ? "displayName" : attrs[0];
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label="Search the metaverse">
      <div className="w-40">
        <Field label="Object type" htmlFor="s-objectType" errors={errors.objectType}>
          <Select id="s-objectType" name="objectType" value={objectType} onChange={(e) => setObjectType(e.target.value)}>
            {model.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
          </Select>
        </Field>
      </div>
      <div className="w-44">
        <Field label="Attribute" htmlFor="s-attr" errors={errors.attr}>
          <Select id="s-attr" name="attr" key={objectType} defaultValue={defaultAttr}>
            {attrs.map((a) => <option key={a} value={a}>{a}</option>)}
          </Select>
        </Field>
      </div>
      <div className="w-36">
        <Field label="Match" htmlFor="s-match" errors={errors.match}>
          <Select id="s-match" name="match" defaultValue={initial.match === "prefix" ? "prefix" : "equals"}>
            <option value="equals">equals</option>
            <option value="prefix">starts with</option>
          </Select>
        </Field>
      </div>
      <div className="min-w-56 flex-1">
        <Field label="Value" htmlFor="s-value" errors={errors.value}>
          <Input id="s-value" name="value" defaultValue={initial.value ?? ""} placeholder="case-insensitive" required />
        </Field>
      </div>
      <Button type="submit">Search</Button>
    </form>
  );
}
