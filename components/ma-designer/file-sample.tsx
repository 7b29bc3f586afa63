"use client";
// A file MA's first lines as they are (File format page), numbered, with the read error if any.
import type { FileSampleView } from "../../lib/dto/ma-designer.ts";
import { Notice, Section } from "../ui/form.tsx";

export function FileSample({ sample, pending }: { sample: FileSampleView | null; pending: boolean }) {
  if (pending && !sample) return <p className="text-slate-500">Reading the file…</p>;
  if (!sample) return null;
  if (!sample.ok) return <Notice tone="error"><code className="font-semibold">{sample.code}</code>: {sample.message}</Notice>;
  return (
    <Section title={`Sample: the first ${sample.lines.length} lines of ${sample.path}${sample.more ? " (more follow)" : ""}`}>
      <pre aria-label="File sample" className="max-h-72 overflow-auto rounded border border-slate-200 bg-white p-2 font-mono text-xs leading-5">
        {sample.lines.map((l, i) => (
          <div key={i}><span className="mr-3 inline-block w-6 select-none text-right text-slate-400">{i + 1}</span>{l.replace(/\t/g, "→\t")}</div>
        ))}
      </pre>
    </Section>
  );
}
