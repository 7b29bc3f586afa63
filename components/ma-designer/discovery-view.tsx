"use client";
// What schema discovery shows on the settings pages: the discover button, its error, the preview
// rows (the first objects a full import reads), the discovered object types and their attributes
// with a sample of the values seen in the preview.
import type { SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
import { Button, Notice, Section } from "../ui/form.tsx";
import { Table, Td, Th } from "../ui/table.tsx";

export interface Discovery {
  pending: boolean;
  result: SchemaDiscoveryView | null;
}

/** A required setting without a value, and the page it is on. */
export interface MissingSetting {
  label: string;
  page: string;
  pageTitle: string;
}

export interface Discovering {
  discovery: Discovery;
  onDiscover: () => void;
  /** required settings still empty: the connector cannot read the system before they are set. */
  missing: MissingSetting[];
  onGoTo: (page: string) => void;
}

function Missing({ missing, onGoTo }: Pick<Discovering, "missing" | "onGoTo">) {
  if (!missing.length) return null;
  return (
    <Notice>
      <span data-testid="missing-settings">
        The connector reads the system once every required setting is entered; still empty:{" "}
        {missing.map((m, i) => (
          <span key={m.label}>
            {i ? ", " : ""}{m.label} (<button type="button" className="underline" onClick={() => onGoTo(m.page)}>{m.pageTitle}</button>)
          </span>
        ))}
        .
      </span>
    </Notice>
  );
}

export function DiscoverButton({ discovery, onDiscover, missing, onGoTo, label = "Discover schema" }: Discovering & { label?: string }) {
  const { pending, result } = discovery;
  return (
    <div className="flex flex-col gap-2">
      <Missing missing={missing} onGoTo={onGoTo} />
      <div>
        <Button type="button" variant="secondary" onClick={onDiscover} disabled={pending}>{pending ? "Reading…" : result ? "Read again" : label}</Button>
      </div>
      {result && !result.ok ? <Notice tone="error"><code className="font-semibold">{result.code}</code>: {result.message}</Notice> : null}
      {!result && !pending ? <p className="text-slate-500">Reads the connected system with the settings entered so far; nothing is stored.</p> : null}
    </div>
  );
}

export function PreviewTable({ result, title }: { result: SchemaDiscoveryView | null; title?: string }) {
  if (!result?.ok) return null;
  const columns = [...new Set(result.preview.flatMap((p) => Object.keys(p.attrs ?? {})))];
  return (
    <Section title={title ?? `Preview: the first ${result.preview.length} item${result.preview.length === 1 ? "" : "s"} as a full import reads them`}>
      {result.previewError ? <Notice tone="error"><code className="font-semibold">{result.previewError.code}</code>: {result.previewError.message}</Notice> : null}
      <Table label="Preview">
        <thead><tr><Th>Anchor</Th><Th>DN</Th><Th>Object type</Th>{columns.map((c) => <Th key={c}>{c}</Th>)}</tr></thead>
        <tbody>
          {result.preview.map((p, i) =>
            p.kind === "object" ? (
              <tr key={i}>
                <Td className="font-mono text-xs">{p.anchor}</Td>
                <Td className="font-mono text-xs">{p.dn}</Td>
                <Td>{p.objectType}</Td>
                {columns.map((c) => <Td key={c} className="text-xs">{(p.attrs?.[c] ?? []).join(" | ")}</Td>)}
              </tr>
            ) : (
              <tr key={i} className="bg-red-50">
                <Td className="font-mono text-xs">{p.anchor ?? ""}</Td>
                <Td className="text-xs text-red-700">{p.code}</Td>
                <Td className="text-xs text-red-700">{p.message}</Td>
                {columns.map((c) => <Td key={c} />)}
              </tr>
            ),
          )}
        </tbody>
      </Table>
    </Section>
  );
}

/** Up to three distinct values of an attribute among the preview objects of a type. */
function sample(result: Extract<SchemaDiscoveryView, { ok: true }>, objectType: string, attr: string): string {
  const seen = new Set<string>();
  for (const p of result.preview) {
    if (p.kind !== "object" || p.objectType !== objectType) continue;
    for (const v of p.attrs?.[attr] ?? []) {
      seen.add(v.length > 40 ? `${v.slice(0, 40)}…` : v);
      if (seen.size >= 3) return [...seen].join(" | ");
    }
  }
  return [...seen].join(" | ");
}

export function AttributeTables({ result }: { result: SchemaDiscoveryView | null }) {
  if (!result?.ok) return null;
  return (
    <>
      {result.objectTypes.map((t) => (
        <Section key={t.name} title={`Object type ${t.name}${t.anchor.length ? ` · anchor ${t.anchor.join(", ")}` : ""}`}>
          <Table label={`Attributes of ${t.name}`}>
            <thead><tr><Th>Attribute</Th><Th>Type</Th><Th>Values</Th><Th>Reference</Th><Th>Sample values</Th></tr></thead>
            <tbody>
              {t.attributes.map((a) => (
                <tr key={a.name}>
                  <Td className="font-mono text-xs">{a.name}</Td>
                  <Td>{a.type}</Td>
                  <Td>{a.multiValued ? "multi-valued" : "single-valued"}</Td>
                  <Td>{a.reference ? "reference" : ""}</Td>
                  <Td className="text-xs text-slate-600">{sample(result, t.name, a.name)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Section>
      ))}
    </>
  );
}

export function ObjectTypeList({ result }: { result: SchemaDiscoveryView | null }) {
  if (!result?.ok) return null;
  const count = (name: string) => result.preview.filter((p) => p.kind === "object" && p.objectType === name).length;
  return (
    <Table label="Discovered object types">
      <thead><tr><Th>Object type</Th><Th>Anchor</Th><Th className="text-right">Attributes</Th><Th className="text-right">In the preview</Th></tr></thead>
      <tbody>
        {result.objectTypes.map((t) => (
          <tr key={t.name}>
            <Td className="font-mono text-xs">{t.name}</Td>
            <Td className="font-mono text-xs">{t.anchor.join(", ")}</Td>
            <Td className="text-right tabular-nums">{t.attributes.length}</Td>
            <Td className="text-right tabular-nums">{count(t.name)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
