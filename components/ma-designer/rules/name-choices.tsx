"use client";
// Names the rule forms offer: one <datalist> per csentry object type (its discovered attributes), per
// metaverse object type (its attributes), and the object type names themselves. Inputs stay free text
// (a rule may name an attribute the schema has not shown yet); the lists only suggest.
import type { InputHTMLAttributes } from "react";
import { Input } from "../../ui/form.tsx";
import type { RulesPageContext } from "./rules-context.ts";

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);

export const CS_TYPES_LIST = "rules-cs-types";
export const MV_TYPES_LIST = "rules-mv-types";
export const csAttrsList = (objectType: string) => `rules-cs-attrs-${safe(objectType)}`;
export const mvAttrsList = (objectType: string) => `rules-mv-attrs-${safe(objectType)}`;

export function NameChoices({ context, csTypes }: { context: RulesPageContext; csTypes: string[] }) {
  return (
    <>
      <datalist id={CS_TYPES_LIST}>{csTypes.map((t) => <option key={t} value={t} />)}</datalist>
      <datalist id={MV_TYPES_LIST}>{context.model.map((t) => <option key={t.name} value={t.name} />)}</datalist>
      {context.csTypes.map((t) => (
        <datalist key={t.name} id={csAttrsList(t.name)}>{t.attributes.map((a) => <option key={a} value={a} />)}</datalist>
      ))}
      {context.model.map((t) => (
        <datalist key={t.name} id={mvAttrsList(t.name)}>{t.attributes.map((a) => <option key={a.name} value={a.name} />)}</datalist>
      ))}
    </>
  );
}

/** A name input with its choices; `invalid` marks it when the live check names this field. */
export function NameInput({ invalid, ...rest }: { invalid?: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  return <Input {...rest} autoComplete="off" spellCheck={false} aria-invalid={invalid || undefined} className={`font-mono ${invalid ? "border-red-400" : ""} ${rest.className ?? ""}`} />;
}
