"use client";
// Page 3: the schema the connector discovers (object types, attributes) and the first objects.
import type { SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
import { Button, Notice, Section } from "../ui/form.tsx";
import { Table, Td, Th } from "../ui/table.tsx";

export function StepSchema({ result, pending, onDiscover }: { result: SchemaDiscoveryView | null; pending: boolean; onDiscover: () => void }) {
  const columns = result?.ok ? [...new Set(result.preview.flatMap((p) => Object.keys(p.attrs ?? {})))] : [];
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button type="button" variant="secondary" onClick={onDiscover} disabled={pending}>{pending ? "Reading…" : result ? "Discover again" : "Discover schema"}</Button>
      </div>
      {result && !result.ok ? <Notice tone="error"><code className="font-semibold">{result.code}</code>: {result.message}</Notice> : null}
      {result?.ok ? (
        <>
          {result.objectTypes.map((t) => (
            <Section key={t.name} title={`Object type ${t.name}${t.anchor.length ? ` · anchor ${t.anchor.join(", ")}` : ""}`}>
              <Table label={`Attributes of ${t.name}`}>
                <thead><tr><Th>Attribute</Th><Th>Type</Th><Th>Values</Th><Th>Reference</Th></tr></thead>
                <tbody>
                  {t.attributes.map((a) => (
                    <tr key={a.name}>
                      <Td className="font-mono text-xs">{a.name}</Td>
                      <Td>{a.type}</Td>
                      <Td>{a.multiValued ? "multi-valued" : "single-valued"}</Td>
                      <Td>{a.reference ? "reference" : ""}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </Section>
          ))}
          <Section title={`Preview: the first ${result.preview.length} item${result.preview.length === 1 ? "" : "s"} as a full import reads them`}>
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
                      <Td className="text-xs text-red-700" >{p.code}</Td>
                      <Td className="text-xs text-red-700">{p.message}</Td>
                      {columns.map((c) => <Td key={c} />)}
                    </tr>
                  ),
                )}
              </tbody>
            </Table>
          </Section>
        </>
      ) : null}
      {!result ? <p className="text-slate-500">Reads the connected system with the settings of the previous page; nothing is stored.</p> : null}
    </div>
  );
}
