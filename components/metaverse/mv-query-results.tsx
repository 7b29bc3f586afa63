// One keyset page of Metaverse Search results: the chosen columns, and previous / next links that carry
// the whole query plus a cursor (an mventry id), so paging over millions of mventries never counts them.
import Link from "next/link";
import type { MvQueryPage } from "../../lib/dto/metaverse.ts";
import { mvQueryToParams, type MvQuery } from "../../lib/schemas/mv-query.ts";
import { EmptyState } from "../ui/empty-state.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Table, Td, Th } from "../ui/table.tsx";

const link = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-sky-800 hover:bg-slate-50";
const off = "rounded border border-slate-200 px-2 py-0.5 text-xs text-slate-300";

function KeysetPager({ query, page }: { query: MvQuery; page: MvQueryPage }) {
  const href = (cursor: { after?: string; before?: string }) => `/metaverse-search?${mvQueryToParams(query, cursor).toString()}`;
  const paged = query.after !== undefined || query.before !== undefined;
  return (
    <nav aria-label="Result pages" className="mt-2 flex items-center gap-2 text-xs text-slate-500">
      {paged ? <Link className={link} href={href({})}>First page</Link> : null}
      {page.previousBefore ? <Link className={link} href={href({ before: page.previousBefore })}>Previous</Link> : <span className={off}>Previous</span>}
      {page.nextAfter ? <Link className={link} href={href({ after: page.nextAfter })}>Next</Link> : <span className={off}>Next</span>}
      <span>{page.hits.length} mventr{page.hits.length === 1 ? "y" : "ies"} on this page, up to {page.size} a page, in creation order</span>
    </nav>
  );
}

export function MvQueryResults({ query, page }: { query: MvQuery; page: MvQueryPage }) {
  if (page.hits.length === 0) {
    return query.after !== undefined ? (
      <>
        <EmptyState title="No more mventries match">This was the last page.</EmptyState>
        <KeysetPager query={query} page={page} />
      </>
    ) : (
      <EmptyState title="No mventry matches">
        Try “starts with” or “contains”, OR instead of AND, or check that the management agents ran a Full Import and a Full Sync (see Operations).
      </EmptyState>
    );
  }
  return (
    <>
      <Table label="Search results">
        <thead>
          <tr>
            <Th>Display name</Th>
            {page.columns.map((c) => <Th key={c}>{c}</Th>)}
            <Th>Last change</Th>
          </tr>
        </thead>
        <tbody>
          {page.hits.map((h) => (
            <tr key={h.id} className="hover:bg-sky-50">
              <Td><Link className="font-medium text-sky-800 hover:underline" href={`/metaverse-search/${h.id}`}>{h.displayName}</Link></Td>
              {page.columns.map((c) => <Td key={c}>{h.values[c]?.join("; ") ?? ""}</Td>)}
              <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(h.updatedAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <KeysetPager query={query} page={page} />
    </>
  );
}
