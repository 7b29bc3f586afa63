// Full and delta import: stage what the connected system holds in the MA's connector space.
// Import only stages (pending import); synchronization is a separate step. Each batch of objects
// is one transaction; unconfirmed exports are confirmed (or reported) here.
import type { Connector } from "./connector.ts";
import type { MaDefinition, SyncStore, CsInsert, CsUpdate } from "./ports.ts";
import type { StepContext } from "./step-context.ts";
import type { AttrValues, CsEntry, DeltaChange, ImportedObject, PendingExportRecord, PendingImport } from "./types.ts";
import { applyChanges, changedAttributes, compact, sameValues } from "./attr-values.ts";
import { KnownObjects } from "./import-known.ts";

const BATCH = 500;

/** A full import that returned nothing, or would delete too much, stops before staging deletes. */
export class EmptySourceGuard extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmptySourceGuard";
  }
}

function locationOf(source?: { file?: string; line?: number; attribute?: string }): string | undefined {
  if (!source) return undefined;
  if (source.file) return source.line ? `${source.file}:${source.line}` : source.file;
  return source.attribute;
}

/** Merge a new staged change onto one not yet synchronized: an add stays an add until synced. */
function mergePending(existing: PendingImport | null, next: PendingImport): PendingImport {
  if (!existing) return next;
  if (existing.op === "add" && next.op !== "delete") return { op: "add" };
  if (existing.op === "delete" && next.op === "add") return { op: "update", changedAttrs: next.changedAttrs };
  const changed = new Set([...(existing.changedAttrs ?? []), ...(next.changedAttrs ?? [])]);
  const op = next.op === "delete" ? "delete" : existing.op === "rename" || next.op === "rename" ? "rename" : "update";
  return { op, previousDn: existing.previousDn ?? next.previousDn, changedAttrs: [...changed] };
}

/** Confirms exported changes against what the system now holds. */
function confirmExport(pe: PendingExportRecord, cs: Pick<CsEntry, "id" | "anchor" | "attrs">, imported: AttrValues, dn: string, ctx: StepContext): "confirmed" | "mismatch" {
  const expectedDn = pe.newDn ?? pe.dn;
  const wanted = applyChanges(cs.attrs, pe.changes);
  const bad: string[] = [];
  for (const attr of Object.keys(pe.changes)) {
    if (!sameValues(wanted[attr], imported[attr], true)) bad.push(attr);
  }
  if (pe.op === "rename" && expectedDn.toLowerCase() !== dn.toLowerCase()) bad.push("(dn)");
  if (bad.length === 0) return "confirmed";
  ctx.count("exported-change-not-reimported", { csId: cs.id, anchor: cs.anchor ?? undefined, dn });
  ctx.error({
    code: "exported-change-not-reimported",
    message: `exported change to ${bad.join(", ")} was not seen by this import`,
    location: bad.join(", "),
    csId: cs.id,
    anchor: cs.anchor ?? undefined,
    dn,
  });
  return "mismatch";
}

/**
 * Provisioned csentries whose add is still to be exported (or was exported and is not in the system
 * yet), by csentry id: the import cannot have seen them, and that is no reason to stage their deletion.
 */
function addsAwaitingImport(pes: PendingExportRecord[]): Map<string, PendingExportRecord> {
  return new Map(pes.filter((p) => p.op === "add").map((p) => [p.csId, p]));
}

export class ImportStager {
  private readonly known = new KnownObjects();

  constructor(
    private readonly store: SyncStore,
    private readonly ma: MaDefinition,
    private readonly ctx: StepContext,
  ) {}

  /** Before a full import's first batch: what the connector space holds now. */
  async loadKnown(size: number): Promise<void> {
    await this.known.load(this.store, this.ma.id, size);
  }

  /** Stages one batch of full-import objects. */
  async stageObjects(objects: ImportedObject[]): Promise<void> {
    const unique: ImportedObject[] = [];
    for (const o of objects) {
      const attrs = compact(o.attrs);
      const seen = this.known.see(o.anchor, () => this.known.identity(o.dn, o.objectType, JSON.stringify(attrs)));
      if (seen === "unchanged") {
        this.ctx.done++;
        this.ctx.count("import-unchanged");
        continue;
      }
      if (seen === "duplicate") {
        this.ctx.error({
          code: "import-duplicate-anchor",
          message: `anchor "${o.anchor}" was imported twice; the second one is ignored`,
          location: locationOf(o.source),
          anchor: o.anchor,
          dn: o.dn,
        });
        continue;
      }
      unique.push(attrs === o.attrs ? o : { ...o, attrs });
    }
    if (unique.length === 0) return;
    await this.store.transaction(async (tx) => {
      const views = new Map((await tx.csImportViews(this.ma.id, unique.map((o) => o.anchor))).map((v) => [v.anchor, v]));
      // A provisioned object awaiting its anchor is found by DN.
      const missing = unique.filter((o) => !views.has(o.anchor));
      // csentries found by DN: their anchor is written with this import.
      const anchorless = new Set<string>();
      if (missing.length) {
        for (const c of await tx.csByDns(this.ma.id, missing.map((o) => o.dn))) {
          if (c.anchor !== null) continue;
          const o = missing.find((m) => m.dn.toLowerCase() === c.dn.toLowerCase());
          if (o) {
            views.set(o.anchor, { ...c, anchor: o.anchor, attrsText: JSON.stringify(c.attrs), hasExport: true });
            anchorless.add(c.id);
          }
        }
      }
      // Found by DN (anchorless): their pending exports are read here; the others came with the views.
      const byDn = [...views.values()].filter((v) => v.hasExport && !v.export).map((v) => v.id);
      const exports = new Map([...views.values()].flatMap((v) => (v.export ? [[v.id, v.export] as const] : [])));
      if (byDn.length) for (const p of await tx.peByCsIds(byDn)) exports.set(p.csId, p);
      const inserts: CsInsert[] = [];
      const updates: CsUpdate[] = [];
      const confirmed: string[] = [];
      for (const o of unique) {
        const view = views.get(o.anchor);
        this.ctx.done++;
        if (!view) {
          inserts.push({
            maId: this.ma.id,
            anchor: o.anchor,
            dn: o.dn,
            objectType: o.objectType,
            attrs: o.attrs,
            state: "normal-disconnector",
            mvId: null,
            linkType: null,
            pendingImport: { op: "add" },
            deleted: false,
          });
          this.ctx.count("import-add", { anchor: o.anchor, dn: o.dn });
          continue;
        }
        // Objects the connector space's identities showed unchanged never get here: compare by value.
        const sameShape = !view.deleted && view.dn === o.dn && view.objectType === o.objectType;
        const cs = { ...view, attrs: JSON.parse(view.attrsText) as AttrValues };
        const pe = exports.get(cs.id);
        if (pe?.status === "exported") {
          if (pe.op === "delete") {
            this.ctx.error({ code: "exported-change-not-reimported", message: "an exported delete was not confirmed: the object still exists", csId: cs.id, anchor: o.anchor, dn: o.dn });
          } else confirmExport(pe, cs, o.attrs, o.dn, this.ctx);
          confirmed.push(cs.id);
        }
        const changed = changedAttributes(cs.attrs, o.attrs);
        if (sameShape && changed.length === 0) {
          const update: CsUpdate = { id: cs.id };
          if (anchorless.has(cs.id)) update.anchor = o.anchor;
          // Same values in another order or form: the stored text is refreshed so the next import compares text only.
          if (view.attrsText !== JSON.stringify(o.attrs)) update.attrs = o.attrs;
          if (update.anchor !== undefined || update.attrs) updates.push(update);
          this.ctx.count("import-unchanged");
          continue;
        }
        const renamed = cs.dn !== o.dn;
        const next: PendingImport = cs.deleted
          ? { op: "add" }
          : renamed
            ? { op: "rename", previousDn: cs.dn, changedAttrs: changed }
            : { op: "update", changedAttrs: changed };
        const counter = cs.deleted ? "import-delete-add" : renamed ? "import-rename" : "import-update";
        this.ctx.count(counter, { csId: cs.id, anchor: o.anchor, dn: o.dn });
        // Only the columns that change: an unchanged indexed column (anchor, DN) costs no index write.
        const update: CsUpdate = { id: cs.id, attrs: o.attrs, pendingImport: cs.deleted ? next : mergePending(cs.pendingImport, next) };
        if (anchorless.has(cs.id)) update.anchor = o.anchor;
        if (renamed) update.dn = o.dn;
        if (cs.objectType !== o.objectType) update.objectType = o.objectType;
        if (cs.deleted) update.deleted = false;
        updates.push(update);
      }
      if (inserts.length) await tx.csInsert(inserts);
      if (updates.length) await tx.csUpdate(updates);
      if (confirmed.length) await tx.peDeleteByCsIds(confirmed);
    });
  }

  /** How many csentries the import did not see (they would be staged for deletion). */
  async countUnseen(): Promise<{ unseen: number; total: number; candidates: number }> {
    if (this.known.allSeen) return { unseen: 0, total: this.known.seenCount, candidates: 0 };
    let afterId: string | undefined;
    let unseen = 0;
    let total = 0;
    let candidates = 0;
    for (;;) {
      const page = await this.store.csKeysPage(this.ma.id, { afterId, limit: 5000 });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const live = page.filter((c) => c.anchor !== null && !c.deleted);
      total += live.length;
      const notSeen = live.filter((c) => !this.known.isSeen(c.anchor!));
      if (notSeen.length === 0) continue;
      candidates += notSeen.length;
      // Not yet in the system, so neither unseen nor part of what the system holds.
      const awaiting = await this.awaitingAdd(this.store, notSeen.map((c) => c.id));
      unseen += notSeen.length - awaiting.size;
      total -= awaiting.size;
    }
    return { unseen, total, candidates };
  }

  private async awaitingAdd(store: SyncStore, csIds: string[]): Promise<Map<string, PendingExportRecord>> {
    return addsAwaitingImport(await store.peByCsIds(csIds));
  }

  get seenCount(): number {
    return this.known.seenCount;
  }

  /** After a full import: every csentry the import did not see is staged for deletion. */
  async stageDeletesForUnseen(): Promise<number> {
    let afterId: string | undefined;
    let staged = 0;
    for (;;) {
      const page = await this.store.csKeysPage(this.ma.id, { afterId, limit: 5000 });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const unseen = page.filter((c) => c.anchor !== null && !c.deleted && !this.known.isSeen(c.anchor));
      if (unseen.length === 0) continue;
      const gone = await this.store.transaction(async (tx) => {
        const pes = await tx.peByCsIds(unseen.map((c) => c.id));
        const awaiting = addsAwaitingImport(pes);
        for (const c of unseen) {
          if (awaiting.get(c.id)?.status !== "exported") continue;
          this.ctx.count("exported-change-not-reimported", { csId: c.id, anchor: c.anchor ?? undefined, dn: c.dn });
          this.ctx.error({ code: "exported-change-not-reimported", message: "an exported add was not seen by this import: the object is not in the system", csId: c.id, anchor: c.anchor ?? undefined, dn: c.dn });
        }
        const deleted = unseen.filter((c) => !awaiting.has(c.id));
        if (deleted.length === 0) return deleted;
        await tx.csUpdate(deleted.map((c) => ({ id: c.id, deleted: true, pendingImport: { op: "delete" as const } })));
        // An exported delete is confirmed by the object's absence.
        const done = pes.filter((p) => p.status === "exported" && p.op === "delete").map((p) => p.csId);
        if (done.length) await tx.peDeleteByCsIds(done);
        return deleted;
      });
      for (const c of gone) this.ctx.count("import-delete", { csId: c.id, anchor: c.anchor ?? undefined, dn: c.dn });
      staged += gone.length;
      await this.ctx.flush();
    }
    return staged;
  }

  /** Stages one batch of delta changes reported by the connector. */
  async stageChanges(changes: DeltaChange[]): Promise<void> {
    await this.store.transaction(async (tx) => {
      const existing = new Map((await tx.csByAnchors(this.ma.id, changes.map((c) => c.anchor))).map((c) => [c.anchor!, c]));
      const exported = new Map(
        (await tx.peByCsIds([...existing.values()].map((c) => c.id))).filter((p) => p.status === "exported").map((p) => [p.csId, p]),
      );
      const confirmed: string[] = [];
      for (const ch of changes) {
        this.ctx.done++;
        const cs = existing.get(ch.anchor);
        const pe = cs ? exported.get(cs.id) : undefined;
        if (pe && cs && this.deltaConfirms(pe, ch, cs)) {
          exported.delete(cs.id);
          confirmed.push(cs.id);
        }
        if (ch.op === "delete") {
          if (!cs || cs.deleted) continue;
          await tx.csUpdate([{ id: cs.id, deleted: true, pendingImport: { op: "delete" } }]);
          this.ctx.count("import-delete", { csId: cs.id, anchor: ch.anchor, dn: cs.dn });
          continue;
        }
        const attrs = compact(ch.attrs ?? {});
        if (!cs) {
          if (!ch.dn || !ch.objectType) {
            this.ctx.error({ code: "delta-unknown-object", message: `${ch.op} of unknown anchor "${ch.anchor}" without DN or object type`, anchor: ch.anchor, location: locationOf(ch.source) });
            continue;
          }
          const [row] = await tx.csInsert([{ maId: this.ma.id, anchor: ch.anchor, dn: ch.dn, objectType: ch.objectType, attrs, state: "normal-disconnector", mvId: null, linkType: null, pendingImport: { op: "add" }, deleted: false }]);
          this.ctx.count("import-add", { csId: row.id, anchor: ch.anchor, dn: ch.dn });
          existing.set(ch.anchor, row);
          continue;
        }
        const merged = ch.complete ? attrs : compact({ ...cs.attrs, ...(ch.attrs ?? {}) });
        const dn = ch.dn ?? cs.dn;
        const changed = changedAttributes(cs.attrs, merged);
        const renamed = dn !== cs.dn;
        if (!renamed && changed.length === 0 && !cs.deleted) {
          this.ctx.count("import-unchanged");
          continue;
        }
        const next: PendingImport = renamed ? { op: "rename", previousDn: cs.dn, changedAttrs: changed } : { op: "update", changedAttrs: changed };
        await tx.csUpdate([{ id: cs.id, dn, attrs: merged, deleted: false, pendingImport: cs.deleted ? { op: "add" } : mergePending(cs.pendingImport, next) }]);
        this.ctx.count(renamed ? "import-rename" : "import-update", { csId: cs.id, anchor: ch.anchor, dn });
        existing.set(ch.anchor, { ...cs, dn, attrs: merged });
      }
      if (confirmed.length) await tx.peDeleteByCsIds(confirmed);
    });
  }

  /**
   * A delta confirms an exported change only when it reports everything the export touched (a delta
   * that names other attributes says nothing about ours: the next full import decides those).
   */
  private deltaConfirms(pe: PendingExportRecord, ch: DeltaChange, cs: CsEntry): boolean {
    if (ch.op === "delete" || pe.op === "delete") return ch.op === pe.op;
    if (pe.op === "rename" && !ch.dn) return false;
    const reported = ch.complete || Object.keys(pe.changes).every((a) => ch.attrs !== undefined && a in ch.attrs);
    if (!reported) return false;
    const attrs = ch.complete ? compact(ch.attrs ?? {}) : compact({ ...cs.attrs, ...(ch.attrs ?? {}) });
    confirmExport(pe, cs, attrs, ch.dn ?? cs.dn, this.ctx);
    return true;
  }
}

/** Runs a full import (or a delta import on a connector without native deltas). */
export async function runFullImport(store: SyncStore, ma: MaDefinition, connector: Connector, ctx: StepContext): Promise<void> {
  const stager = new ImportStager(store, ma, ctx);
  const known = (async () => {
    ctx.total = await store.csCount(ma.id);
    await stager.loadKnown(ctx.total);
  })();
  known.catch(() => undefined); // awaited below
  let watermark: string | null;
  try {
    watermark = connector.currentWatermark ? await connector.currentWatermark() : null;
  } catch (e) {
    await known.catch(() => undefined);
    throw e;
  }
  // The system starts reading once the watermark is taken (a change the import misses is then the
  // next delta's) and while the connector space is still loading.
  const batches = connector.fullImport({ batchSize: BATCH })[Symbol.asyncIterator]();
  let next = batches.next();
  next.catch(() => undefined); // awaited in the loop
  try {
    await known;
    for (let r = await next; !r.done; r = await next) {
      const objects: ImportedObject[] = [];
      for (const item of r.value) {
        if (item.kind === "error") {
          ctx.error({ code: item.code, message: item.message, location: locationOf(item.source), anchor: item.anchor, dn: item.dn });
        } else objects.push(item.object);
      }
      if (objects.length) await stager.stageObjects(objects);
      await ctx.flush();
      next = batches.next();
    }
  } finally {
    // Early exit (a stop, an error): the connector abandons its read.
    await next.catch(() => undefined);
    await batches.return?.(undefined).catch(() => undefined);
  }
  // Empty-source guard: a bad or truncated file must not stage the deletion of everyone.
  const { unseen, total, candidates } = await stager.countUnseen();
  const limit = ma.safety.maxDeletePercentOnImport;
  if (total > 0 && (stager.seenCount === 0 || (limit !== undefined && (unseen * 100) / total > limit))) {
    throw new EmptySourceGuard(
      stager.seenCount === 0
        ? `the import returned no objects but the connector space holds ${total}: nothing was staged for deletion`
        : `the import would stage ${unseen} deletes (${Math.round((unseen * 100) / total)}% of ${total}), above the limit of ${limit}%: nothing was staged for deletion`,
    );
  }
  // Nothing unseen (the usual full import): no second pass over the connector space.
  if (candidates > 0) await stager.stageDeletesForUnseen();
  if (watermark !== null) await store.setWatermark(ma.id, watermark);
  await ctx.flush(true);
}

/** Runs a delta import: the connector's own changes when it has them, else a full import compared by the engine. */
export async function runDeltaImport(store: SyncStore, ma: MaDefinition, connector: Connector, ctx: StepContext): Promise<void> {
  if (!connector.deltaImport) return runFullImport(store, ma, connector, ctx);
  const knownAnchors = async (dns: string[]): Promise<Map<string, string>> => {
    const found = new Map<string, string>();
    for (const cs of await store.csByDns(ma.id, dns)) if (cs.anchor !== null) found.set(cs.dn.toLowerCase(), cs.anchor);
    return found;
  };
  const delta = await connector.deltaImport(ma.watermark, { batchSize: BATCH, knownAnchors });
  const stager = new ImportStager(store, ma, ctx);
  for await (const batch of delta.changes) {
    const changes: DeltaChange[] = [];
    for (const item of batch) {
      if (item.kind === "error") ctx.error({ code: item.code, message: item.message, location: locationOf(item.source), anchor: item.anchor, dn: item.dn });
      else changes.push(item);
    }
    if (changes.length) await stager.stageChanges(changes);
    await ctx.flush();
  }
  await store.setWatermark(ma.id, delta.watermark());
  await ctx.flush(true);
}
