// The one loop every paged search of the LDAP connector runs (full import and the accesslog, USN
// and timestamp delta methods): pages of the Simple Paged Results control (RFC 2696) read one ahead
// (the server reads the next page while the caller works on this one), a failure of any page turned
// into the caller's error (a search that silently stopped early would look like deletes), and the
// search abandoned when the caller stops early.

import type { Entry } from "ldapts";

type Pages = AsyncGenerator<{ searchEntries: Entry[] }, unknown, unknown>;

/** The entries of each page of `pages`; a failed page throws `failure(e)`. */
export async function* pagedEntries(pages: Pages, failure: (e: unknown) => Error): AsyncGenerator<Entry[]> {
  const ask = () => {
    const p = pages.next();
    p.catch(() => undefined); // awaited below; a rejection there is the one reported
    return p;
  };
  let pending = ask();
  try {
    for (;;) {
      let next: IteratorResult<{ searchEntries: Entry[] }, unknown>;
      try {
        next = await pending;
      } catch (e) {
        throw failure(e);
      }
      if (next.done) return;
      pending = ask();
      yield next.value.searchEntries;
    }
  } finally {
    await pending.catch(() => undefined);
    await pages.return(undefined).catch(() => undefined);
  }
}

/** Regroups what `source` yields into batches of exactly `size` (the last one smaller). */
export async function* inBatches<T>(source: AsyncIterable<T[]>, size: number): AsyncGenerator<T[]> {
  let out: T[] = [];
  for await (const items of source) {
    for (const item of items) {
      out.push(item);
      if (out.length >= size) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length) yield out;
}

/** What `fn` makes of each page of `pages` (entries to import items, log records to changes, ...). */
export async function* eachPage<A, B>(pages: AsyncIterable<A[]>, fn: (page: A[]) => B[] | Promise<B[]>): AsyncGenerator<B[]> {
  for await (const page of pages) yield await fn(page);
}
