// Previous / next links of a paged list; `href(page)` builds each page's URL (search params kept by the caller).
import Link from "next/link";

export function Pager({ page, pageSize, total, href, label }: { page: number; pageSize: number; total: number; href: (page: number) => string; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-sky-800 hover:bg-slate-50";
  const off = "rounded border border-slate-200 px-2 py-0.5 text-xs text-slate-300";
  return (
    <nav aria-label={label} className="mt-2 flex items-center gap-2 text-xs text-slate-500">
      <span>{from}–{to} of {total}</span>
      {page > 1 ? <Link className={link} href={href(page - 1)}>Previous</Link> : <span className={off}>Previous</span>}
      <span>page {Math.min(page, pages)} of {pages}</span>
      {page < pages ? <Link className={link} href={href(page + 1)}>Next</Link> : <span className={off}>Next</span>}
    </nav>
  );
}
