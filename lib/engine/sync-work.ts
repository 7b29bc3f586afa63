// The writes of one synchronization batch, buffered and flushed in dependency order inside the
// batch's transaction: new mventries, mventry updates, csentry updates, deletes.
import type { SyncStore, CsUpdate, MvHistoryRecord } from "./ports.ts";
import type { CsEntry, MvEntry } from "./types.ts";

export class SyncWork {
  /** mventries loaded or created in this batch, by id (the batch's view of the metaverse). */
  readonly mvs = new Map<string, MvEntry>();
  readonly newMvIds = new Set<string>();
  /** changed attributes of existing mventries. */
  readonly mvChanged = new Map<string, Set<string>>();
  /** values of those attributes as stored (before this batch), so the store writes only the difference. */
  readonly mvBefore = new Map<string, Record<string, string[]>>();
  readonly deletedMvIds = new Set<string>();
  /** mventries whose provisioning and export flows must be evaluated. */
  readonly outbound = new Set<string>();
  readonly csUpdates = new Map<string, CsUpdate>();
  readonly csDeletes = new Set<string>();
  readonly history: MvHistoryRecord[] = [];
  /** csentries of this batch by id (their state before this batch's updates). */
  readonly csEntries = new Map<string, CsEntry>();
  /** join lookups answered for the whole batch: type\0attr\0valueKey -> mventry ids. */
  readonly joinCache = new Map<string, string[]>();
  /** mventry id -> csentry ids of the source MA already joined to it (prefetched). */
  readonly sourceConnectors = new Map<string, string[]>();
  /** join index of mventries projected in this batch (not yet in the store): attr\0valueKey -> ids. */
  private readonly newIndex = new Map<string, string[]>();

  /** mventry id -> csentries this batch linked to it (answers "already joined?" without a scan). */
  private readonly linkedInBatch = new Map<string, Set<string>>();

  /**
   * `joinKeys`: the `type\0attr` pairs join rules look up; only those attributes of new mventries
   * are indexed for joins in the same batch (undefined: all of them).
   */
  constructor(private readonly joinKeys?: ReadonlySet<string>) {}

  updateCs(u: CsUpdate): void {
    const prev = this.csUpdates.get(u.id);
    this.csUpdates.set(u.id, prev ? { ...prev, ...u } : u);
    if (!("mvId" in u)) return;
    if (prev?.mvId) this.linkedInBatch.get(prev.mvId)?.delete(u.id);
    if (u.mvId) {
      const set = this.linkedInBatch.get(u.mvId) ?? new Set<string>();
      set.add(u.id);
      this.linkedInBatch.set(u.mvId, set);
    }
  }

  /** Whether this batch linked a csentry other than `csId` to the mventry. */
  linkedToOther(mvId: string, csId: string): boolean {
    const set = this.linkedInBatch.get(mvId);
    if (!set) return false;
    return set.size > 1 || (set.size === 1 && !set.has(csId));
  }

  addNewMv(mv: MvEntry): void {
    this.mvs.set(mv.id, mv);
    this.newMvIds.add(mv.id);
    this.outbound.add(mv.id);
  }

  /** Records a changed mventry attribute (the index of new ones is kept for joins in the same batch). */
  touchMv(mv: MvEntry, attr: string, before: string[]): void {
    if (this.newMvIds.has(mv.id)) {
      if (this.joinKeys && !this.joinKeys.has(`${mv.objectType}\0${attr}`)) {
        this.outbound.add(mv.id);
        return;
      }
      for (const v of mv.attrs[attr] ?? []) {
        const k = `${mv.objectType}\0${attr}\0${v.trim().toLowerCase()}`;
        const ids = this.newIndex.get(k) ?? [];
        if (!ids.includes(mv.id)) ids.push(mv.id);
        this.newIndex.set(k, ids);
      }
    } else {
      const set = this.mvChanged.get(mv.id) ?? new Set<string>();
      set.add(attr);
      this.mvChanged.set(mv.id, set);
      const prev = this.mvBefore.get(mv.id) ?? {};
      if (!(attr in prev)) prev[attr] = before;
      this.mvBefore.set(mv.id, prev);
    }
    this.outbound.add(mv.id);
  }

  /** mventries projected in this batch with `attr` equal to one of `values`. */
  findNew(objectType: string, attr: string, values: string[]): string[] {
    const out = new Set<string>();
    for (const v of values) for (const id of this.newIndex.get(`${objectType}\0${attr}\0${v.trim().toLowerCase()}`) ?? []) out.add(id);
    return [...out].filter((id) => !this.deletedMvIds.has(id));
  }

  deleteMv(id: string): void {
    this.deletedMvIds.add(id);
    this.outbound.delete(id);
  }

  /** Writes the mventries projected so far (connectors provisioned for them reference them). */
  async insertNewMvs(store: SyncStore): Promise<void> {
    const inserts = [...this.newMvIds].filter((id) => !this.deletedMvIds.has(id)).map((id) => this.mvs.get(id)!);
    if (inserts.length) await store.mvInsert(inserts.map((m) => ({ id: m.id, objectType: m.objectType, attrs: m.attrs, lineage: m.lineage })));
    for (const m of inserts) this.insertedMvIds.add(m.id);
    this.newMvIds.clear();
    this.newIndex.clear();
  }

  private readonly insertedMvIds = new Set<string>();

  async flush(store: SyncStore): Promise<void> {
    await this.insertNewMvs(store);
    const updates = [...this.mvChanged.entries()]
      .filter(([id]) => !this.deletedMvIds.has(id) && !this.newMvIds.has(id))
      .map(([id, attrs]) => ({ id, attrs: this.mvs.get(id)!.attrs, lineage: this.mvs.get(id)!.lineage, changedAttrs: [...attrs], previous: this.mvBefore.get(id) }));
    if (updates.length) await store.mvUpdate(updates);
    const csUpdates = [...this.csUpdates.values()].filter((u) => !this.csDeletes.has(u.id));
    if (csUpdates.length) await store.csUpdate(csUpdates);
    if (this.csDeletes.size) await store.csDelete([...this.csDeletes]);
    const gone = [...this.deletedMvIds];
    if (gone.length) await store.mvDelete(gone);
    if (this.history.length) await store.mvHistory(this.history.filter((h) => !this.deletedMvIds.has(h.mvId)));
  }
}
