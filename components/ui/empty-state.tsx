import type { ReactNode } from "react";

/** An empty list that says what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="empty-state">
      <p className="font-medium text-slate-700">{title}</p>
      {children ? <div className="mx-auto mt-2 max-w-xl text-slate-500">{children}</div> : null}
    </div>
  );
}
