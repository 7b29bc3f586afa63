"use client";
// "Save as draft" in the wizard's button bar: keeps the half-finished MA (secrets left out) and says
// when it was saved, or why not.
import { useState } from "react";
import type { ActionResult } from "../../lib/dto/action-result.ts";
import type { SavedMaDraftView } from "../../lib/dto/ma-designer.ts";
import { Button } from "../ui/form.tsx";
import { formatDateTime } from "../ui/format.ts";

export function DraftControl({ save, onSaved }: { save: () => Promise<ActionResult<SavedMaDraftView>>; onSaved: (id: string) => void }) {
  const [status, setStatus] = useState<{ pending: boolean; saved?: string; error?: string }>({ pending: false });
  const run = async () => {
    setStatus({ pending: true });
    const r = await save();
    if (r.ok) {
      onSaved(r.data.id);
      setStatus({ pending: false, saved: r.data.savedAt });
    } else setStatus({ pending: false, error: `${r.code}: ${r.message}` });
  };
  return (
    <span className="flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={run} disabled={status.pending}>{status.pending ? "Saving draft…" : "Save as draft"}</Button>
      <span data-testid="draft-status" aria-live="polite" className="text-xs">
        {status.saved ? <span className="text-emerald-700">Draft saved {formatDateTime(status.saved)} UTC; secrets are not kept in drafts.</span> : null}
        {status.error ? <span className="text-red-700">{status.error}</span> : null}
      </span>
    </span>
  );
}
