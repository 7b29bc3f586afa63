"use client";
// "Preview": runs the whole sync pipeline for one csentry on the server in a rolled-back transaction
// and shows what it would do: counters, errors, the mventry before/after, pending exports per MA.
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { PreviewView } from "../../lib/dto/connector-space.ts";
import { Button, Notice } from "../ui/form.tsx";
import { Table, Td, Th } from "../ui/table.tsx";
import { ChangesList } from "../management-agents/changes-list.tsx";

type Action = (prev: ActionState<PreviewView>, form: FormData) => Promise<ActionState<PreviewView>>;

const CHANGE_TONE: Record<string, string> = {
  added: "bg-emerald-50",
  removed: "bg-red-50",
  changed: "bg-amber-50",
  unchanged: "",
};

export function PreviewPanel({ action, maId, csId }: { action: Action; maId: string; csId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const p = state?.ok ? state.data : null;
  return (
    <div className="flex flex-col gap-3">
      <form action={formAction} aria-label="Preview synchronization" className="flex items-center gap-2">
        <input type="hidden" name="maId" value={maId} />
        <input type="hidden" name="csId" value={csId} />
        <Button type="submit" disabled={pending}>{pending ? "Previewing…" : "Preview"}</Button>
        <span className="text-xs text-slate-500">Runs the full synchronization of this csentry and shows the result; nothing is written.</span>
      </form>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {p ? (
        <section aria-label="Preview result" className="flex flex-col gap-3 rounded border border-sky-200 bg-sky-50/40 p-3">
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Counters</h3>
            {Object.keys(p.stats).length === 0 ? (
              <p className="text-slate-500">No counter would change.</p>
            ) : (
              <ul className="flex flex-wrap gap-2" aria-label="Preview counters">
                {Object.entries(p.stats).map(([k, n]) => (
                  <li key={k} className="rounded bg-white px-2 py-0.5 font-mono text-xs ring-1 ring-slate-200">{k}: {n}</li>
                ))}
              </ul>
            )}
          </div>
          {p.errors.length ? (
            <Table label="Preview errors">
              <thead><tr><Th>Code</Th><Th>Message</Th><Th>Rule</Th></tr></thead>
              <tbody>
                {p.errors.map((e, i) => (
                  <tr key={i}><Td className="font-mono text-xs text-red-700">{e.code}</Td><Td>{e.message}</Td><Td className="font-mono text-xs">{e.location ?? "—"}</Td></tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">
              mventry {p.mvCreated ? "(would be projected)" : p.mvAfter ? "" : p.mvBefore ? "(would be disconnected or deleted)" : "(none: stays a disconnector)"}
            </h3>
            {p.mvBefore && !p.mvCreated ? (
              <p className="mb-1 text-xs"><Link className="text-sky-800 hover:underline" href={`/metaverse-search/${p.mvBefore.id}`}>{p.mvBefore.objectType} {p.mvBefore.id}</Link></p>
            ) : null}
            {p.diff.length === 0 ? (
              <p className="text-slate-500">No mventry attributes.</p>
            ) : (
              <Table label="mventry before and after">
                <thead><tr><Th>Attribute</Th><Th>Before</Th><Th>After</Th><Th>Change</Th></tr></thead>
                <tbody>
                  {p.diff.map((d) => (
                    <tr key={d.attr} className={CHANGE_TONE[d.change]}>
                      <Td className="font-mono text-xs">{d.attr}</Td>
                      <Td className="break-all text-xs">{d.before.join("; ") || "—"}</Td>
                      <Td className="break-all text-xs">{d.after.join("; ") || "—"}</Td>
                      <Td className="text-xs">{d.change}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </div>
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Pending exports it would leave</h3>
            {p.pendingExports.length === 0 ? (
              <p className="text-slate-500">None.</p>
            ) : (
              <Table label="Preview pending exports">
                <thead><tr><Th>Management agent</Th><Th>Operation</Th><Th>DN</Th><Th>Changes</Th><Th>Status</Th></tr></thead>
                <tbody>
                  {p.pendingExports.map((e) => (
                    <tr key={e.csId}>
                      <Td className="font-medium">{e.ma}</Td>
                      <Td className="font-mono text-xs">{e.op}</Td>
                      <Td className="font-mono text-xs">{e.dn}{e.newDn ? ` → ${e.newDn}` : ""}</Td>
                      <Td><ChangesList changes={e.changes} /></Td>
                      <Td className="text-xs">{e.status}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </div>
        </section>
      ) : null}
    </div>
  );
}
