"use client";
// Metaverse Search query builder: object type, clauses (attribute, operator, value) joined by one
// combinator, the columns to show and the page size. A plain GET form: the browser writes the query
// into the URL in the order lib/schemas/mv-query.ts reads it (aligned attr/op/value, then col), so a
// search is a shareable link and paging links are built from it on the server.
import { useState } from "react";
import {
  MV_QUERY_DEFAULT_SIZE, MV_QUERY_MAX_CLAUSES, MV_QUERY_MAX_SIZE, MV_QUERY_OPERATOR_LABELS, MV_QUERY_OPERATORS,
  VALUELESS_OPERATORS, type MvQueryOperator,
} from "../../lib/schemas/mv-query.ts";
import { Button, Field, Input, Select } from "../ui/form.tsx";

export interface QueryModel {
  name: string;
  attributes: string[];
}

export interface QueryFormState {
  objectType?: string;
  join?: string;
  clauses: { attr: string; op: string; value: string }[];
  columns: string[];
  size?: string | number;
}

interface Row {
  key: number;
  attr: string;
  op: MvQueryOperator;
  value: string;
}

const isOperator = (op: string): op is MvQueryOperator => (MV_QUERY_OPERATORS as readonly string[]).includes(op);

function FieldError({ messages }: { messages?: string[] }) {
  return messages?.length ? <p className="text-xs text-red-600" role="alert">{messages.join("; ")}</p> : null;
}

export function MvQueryForm({ model, initial, errors }: { model: QueryModel[]; initial: QueryFormState; errors: Record<string, string[]> }) {
  const startType = initial.objectType && model.some((m) => m.name === initial.objectType) ? initial.objectType : model[0]?.name ?? "";
  const [objectType, setObjectType] = useState(startType);
  const attrs = model.find((m) => m.name === objectType)?.attributes ?? [];
  const defaultAttr = (list: string[]) => (list.includes("displayName") ? "displayName" : list[0] ?? "");
  const newRow = (key: number, list: string[]): Row => ({ key, attr: defaultAttr(list), op: "equals", value: "" });

  const [rows, setRows] = useState<Row[]>(() => {
    const given = initial.objectType === startType ? initial.clauses : [];
    return given.length > 0
      ? given.map((c, i) => ({ key: i, attr: c.attr, op: isOperator(c.op) ? c.op : "equals", value: c.value }))
      : [newRow(0, attrs)];
  });
  const [nextKey, setNextKey] = useState(rows.length);
  const [columns, setColumns] = useState<string[]>(initial.objectType === startType ? initial.columns : []);

  const changeType = (name: string) => {
    setObjectType(name);
    setRows([newRow(nextKey, model.find((m) => m.name === name)?.attributes ?? [])]);
    setNextKey(nextKey + 1);
    setColumns([]);
  };
  const update = (key: number, patch: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    setRows([...rows, newRow(nextKey, attrs)]);
    setNextKey(nextKey + 1);
  };
  const toggleColumn = (attr: string, on: boolean) => setColumns(on ? [...columns, attr] : columns.filter((c) => c !== attr));

  return (
    <form method="get" action="/metaverse-search" className="mb-4 flex flex-col gap-3 rounded border border-slate-200 bg-white p-3" aria-label="Search the metaverse">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <Field label="Object type" htmlFor="q-objectType" errors={errors.objectType}>
            <Select id="q-objectType" name="objectType" value={objectType} onChange={(e) => changeType(e.target.value)}>
              {model.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
            </Select>
          </Field>
        </div>
        <div className="w-64">
          {/* one combinator for the whole query: mixing and / or would need grouping the URL does not carry */}
          <Field label="Combine clauses" htmlFor="q-join" errors={errors.join}>
            <Select id="q-join" name="join" defaultValue={initial.join === "or" ? "or" : "and"}>
              <option value="and">all clauses match (AND)</option>
              <option value="or">any clause matches (OR)</option>
            </Select>
          </Field>
        </div>
        <div className="w-28">
          <Field label="Page size" htmlFor="q-size" errors={errors.size}>
            <Input id="q-size" name="size" type="number" min={1} max={MV_QUERY_MAX_SIZE} defaultValue={String(initial.size ?? MV_QUERY_DEFAULT_SIZE)} />
          </Field>
        </div>
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-slate-600">Clauses (values are case-insensitive)</legend>
        {rows.map((r, i) => {
          const n = i + 1;
          const valueless = VALUELESS_OPERATORS.includes(r.op);
          return (
            <div key={r.key} className="flex flex-wrap items-start gap-2" role="group" aria-label={`Clause ${n}`}>
              <div className="w-44">
                <Select aria-label={`Clause ${n} attribute`} name="attr" value={r.attr} onChange={(e) => update(r.key, { attr: e.target.value })}>
                  {attrs.includes(r.attr) ? null : <option value={r.attr}>{r.attr}</option>}
                  {attrs.map((a) => <option key={a} value={a}>{a}</option>)}
                </Select>
                <FieldError messages={errors[`clauses.${i}.attr`]} />
              </div>
              <div className="w-36">
                <Select aria-label={`Clause ${n} operator`} name="op" value={r.op} onChange={(e) => update(r.key, { op: e.target.value as MvQueryOperator })}>
                  {MV_QUERY_OPERATORS.map((op) => <option key={op} value={op}>{MV_QUERY_OPERATOR_LABELS[op]}</option>)}
                </Select>
                <FieldError messages={errors[`clauses.${i}.op`]} />
              </div>
              <div className="min-w-56 flex-1">
                {/* present / not present still post an empty value, so attr, op and value stay aligned */}
                {valueless ? <input type="hidden" name="value" value="" /> : null}
                <Input
                  aria-label={`Clause ${n} value`}
                  name={valueless ? undefined : "value"}
                  value={valueless ? "" : r.value}
                  disabled={valueless}
                  placeholder={valueless ? "no value needed" : "value"}
                  onChange={(e) => update(r.key, { value: e.target.value })}
                />
                <FieldError messages={errors[`clauses.${i}.value`]} />
              </div>
              <Button type="button" variant="secondary" disabled={rows.length === 1} aria-label={`Remove clause ${n}`} onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                Remove
              </Button>
            </div>
          );
        })}
        <FieldError messages={errors.clauses} />
        <div>
          <Button type="button" variant="secondary" disabled={rows.length >= MV_QUERY_MAX_CLAUSES} onClick={addRow}>Add clause</Button>
        </div>
      </fieldset>

      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-600">Columns, in the order chosen (none: the searched attributes and a few identifying ones)</legend>
        {/* posted in the order they were chosen, which is the order of the grid's columns */}
        {columns.map((c) => <input key={c} type="hidden" name="col" value={c} />)}
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-[13px]">
          {attrs.map((a) => (
            <label key={a} className="flex items-center gap-1">
              <input type="checkbox" checked={columns.includes(a)} onChange={(e) => toggleColumn(a, e.target.checked)} /> {a}
            </label>
          ))}
        </div>
        <FieldError messages={Object.entries(errors).filter(([k]) => k === "columns" || k.startsWith("columns.")).flatMap(([, v]) => v)} />
      </fieldset>

      <FieldError messages={[...(errors.after ?? []), ...(errors.before ?? [])]} />
      <div>
        <Button type="submit">Search</Button>
      </div>
    </form>
  );
}
