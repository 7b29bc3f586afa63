// What a full import knows of the connector space it stages into: every anchor with the identity of
// the csentry as stored (DN, object type, attribute text), read in one sequential pass before the
// first batch. An object imported again unchanged (the bulk of every full import after the first)
// then costs a string comparison and a map lookup, no database read; anything else goes to the
// batch's read. Up to TEXT_LIMIT csentries the map keeps that text itself (about 400 bytes each);
// above, its SHA-1 digest (about 50 bytes), so a million csentries stay within memory.
// The same map records the anchors the import has seen: duplicates, and the csentries it did not see.
//
// It is safe to decide "unchanged" from a digest taken at the start: an MA's csentries change only
// through its own runs, one at a time. Other MAs' synchronization adds provisioned csentries and
// pending exports meanwhile; those are not in the map, or pending rather than exported, and either
// way take the batch's read.
import { hash } from "node:crypto";
import type { SyncStore } from "./ports.ts";

/** The value of an anchor the import has seen. */
const SEEN = "";
/** The value of a csentry that must be compared in full (deleted, or with a pending export). */
const COMPARE = "*";

const PAGE = 2000;

/** Connector spaces up to this size are compared by text, larger ones by digest. */
export const TEXT_LIMIT = 100_000;

export class KnownObjects {
  private readonly byAnchor = new Map<string, string>();
  private hashed = false;
  /** anchors marked SEEN so far (every one of them is in the map). */
  private seen = 0;

  constructor(private readonly textLimit = TEXT_LIMIT) {}

  /** What the map holds of an object: its identity text (DN, object type, attribute text), or the digest of it. */
  identity(dn: string, objectType: string, attrsText: string): string {
    const text = `${dn}\n${objectType}\n${attrsText}`;
    return this.hashed ? hash("sha1", text, "base64") : text;
  }

  /** Reads the connector space of `maId`, which holds about `size` csentries. */
  async load(store: SyncStore, maId: string, size: number): Promise<void> {
    this.hashed = size > this.textLimit;
    let afterId: string | undefined;
    for (;;) {
      const page = await store.csImportViewPage(maId, { afterId, limit: PAGE });
      if (page.length === 0) return;
      afterId = page[page.length - 1]!.id;
      for (const v of page) if (!v.deleted) this.byAnchor.set(v.anchor, v.hasExport ? COMPARE : this.identity(v.dn, v.objectType, v.attrsText));
      // A turn of the event loop per page: the connected system's replies (watermark, first page) are read meanwhile.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Marks `anchor` seen. Returns "duplicate" when it was seen already, "unchanged" when the stored
   * csentry has this identity (see identity()), else "compare".
   */
  see(anchor: string, identity: () => string): "duplicate" | "unchanged" | "compare" {
    const known = this.byAnchor.get(anchor);
    if (known === SEEN) return "duplicate";
    this.byAnchor.set(anchor, SEEN);
    this.seen++;
    return known !== undefined && known !== COMPARE && known === identity() ? "unchanged" : "compare";
  }

  isSeen(anchor: string): boolean {
    return this.byAnchor.get(anchor) === SEEN;
  }

  /** Whether every live csentry the import started with was seen. */
  get allSeen(): boolean {
    return this.seen === this.byAnchor.size;
  }

  get seenCount(): number {
    return this.seen;
  }
}
