"use client";
// The Management Agents list's drafts: half-finished MAs saved from the MA Designer, each with
// Resume (the wizard opens on the page where it was left) and Discard.
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { MaDraftView } from "../../lib/dto/ma-designer.ts";
import type { MaWizardPage } from "../../lib/schemas/ma-designer-pages.ts";
import { Button, Notice, Section } from "../ui/form.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Table, Td, Th } from "../ui/table.tsx";
import { pageTitle } from "./wizard-pages.ts";

type Discard = (prev: ActionState<{ id: string; name: string }>, form: FormData) => Promise<ActionState<{ id: string; name: string }>>;

function DiscardButton({ draft, action }: { draft: MaDraftView; action: Discard }) {
  const [state, formAction, pending] = useActionState(action, null);
  const label = draft.name || "(unnamed)";
  return (
    <form action={formAction} aria-label={`Discard draft ${label}`}>
      <input type="hidden" name="draftId" value={draft.id} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-0.5 text-xs">{pending ? "Discarding…" : "Discard"}</Button>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}

export function MaDraftList({ drafts, discard }: { drafts: MaDraftView[]; discard: Discard }) {
  if (!drafts.length) return null;
  return (
    <Section title="Drafts (half-finished management agents)">
      <Table label="MA drafts">
        <thead><tr><Th>Name</Th><Th>Type</Th><Th>Left at</Th><Th>Last saved</Th><Th>By</Th><Th>Actions</Th></tr></thead>
        <tbody>
          {drafts.map((d) => (
            <tr key={d.id}>
              <Td className="font-medium">{d.name || <span className="text-slate-400">(unnamed)</span>}</Td>
              <Td className="font-mono text-xs">{d.type || "—"}</Td>
              <Td>{pageTitle(d.page as MaWizardPage, d.type)}</Td>
              <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(d.updatedAt)}</Td>
              <Td>{d.updatedBy}</Td>
              <Td>
                <div className="flex items-center gap-2">
                  <Link href={`/management-agents/new?draft=${encodeURIComponent(d.id)}`} className="text-sky-700 hover:underline" aria-label={`Resume draft ${d.name || "(unnamed)"}`}>Resume</Link>
                  <DiscardButton draft={d} action={discard} />
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}
