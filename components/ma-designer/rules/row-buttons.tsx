"use client";
// Small buttons of a rule row: move up, move down, remove. Each names its row for screen readers.
export function RowButtons({ what, onUp, onDown, onRemove }: { what: string; onUp?: () => void; onDown?: () => void; onRemove: () => void }) {
  const cls = "rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-700 hover:bg-slate-50 disabled:text-slate-300";
  return (
    <span className="flex shrink-0 gap-1">
      {onUp || onDown ? (
        <>
          <button type="button" className={cls} aria-label={`Move ${what} up`} disabled={!onUp} onClick={onUp}>↑</button>
          <button type="button" className={cls} aria-label={`Move ${what} down`} disabled={!onDown} onClick={onDown}>↓</button>
        </>
      ) : null}
      <button type="button" className={`${cls} text-red-700`} aria-label={`Remove ${what}`} onClick={onRemove}>✕</button>
    </span>
  );
}

export function AddButton({ children, onClick }: { children: string; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="self-start rounded border border-dashed border-slate-400 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50">
      + {children}
    </button>
  );
}

/** Problems of a whole row (shape errors such as "needs either cs or expression"). */
export function RowProblems({ problems }: { problems: { message: string }[] }) {
  if (!problems.length) return null;
  return <p role="alert" className="text-xs text-red-700" data-testid="row-problem">{problems.map((p) => p.message).join("; ")}</p>;
}
