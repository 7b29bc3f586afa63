// Outbound synchronization of the mventries a batch touched: provisioning (create or rename a
// connector in another MA), export attribute flow into every connector, and deprovisioning
// (when an mventry is deleted or no longer matches a provisioning rule).
import type { MaDefinition, SyncStore } from "./ports.ts";
import type { SyncEnvironment } from "./sync-environment.ts";
import type { SyncWork } from "./sync-work.ts";
import type { AttrChange, CsEntry, MvEntry, PendingExportRecord } from "./types.ts";
import { applyChanges, diffValues, mergeChange } from "./attr-values.ts";
import { evalMv, evalMvBool, RuleError } from "./flow-eval.ts";
import { newId } from "./ids.ts";

export class Outbound {
  /** mventries whose references could not be translated yet (target not provisioned). */
  readonly unresolved = new Set<string>();

  constructor(
    private readonly env: SyncEnvironment,
    private readonly tx: SyncStore,
    private readonly work: SyncWork,
  ) {}

  /** New connectors planned by provisioning in this batch, inserted together. */
  private planned: { cs: CsEntry; initial: Record<string, AttrChange>; where: string }[] = [];
  /** Pending exports staged by this batch (written once at the end). */
  private staged = new Map<string, Omit<PendingExportRecord, "id">>();

  private fail(e: unknown, cs: { id?: string; anchor?: string | null; dn?: string }, mvId?: string): void {
    if (!(e instanceof RuleError)) throw e;
    this.env.ctx.error({ code: e.code, message: e.message, location: e.rule, csId: cs.id, anchor: cs.anchor ?? undefined, dn: cs.dn, detail: mvId ? { mvId } : undefined });
  }

  async run(): Promise<void> {
    const ids = [...this.work.outbound].filter((id) => !this.work.deletedMvIds.has(id));
    const deleted = [...this.work.deletedMvIds].filter((id) => !this.work.newMvIds.has(id));
    const all = await this.tx.csByMvIds([...ids, ...deleted]);
    const seen = new Set(all.map((c) => c.id));
    const byMv = new Map<string, CsEntry[]>();
    const add = (c: CsEntry) => {
      const list = byMv.get(c.mvId!);
      if (list) list.push(c);
      else byMv.set(c.mvId!, [c]);
    };
    for (const c of all) {
      const u = this.work.csUpdates.get(c.id);
      const cur = u ? ({ ...c, ...u } as CsEntry) : c;
      if (cur.mvId === null || this.work.csDeletes.has(c.id)) continue;
      add(cur);
    }
    // connectors linked in this batch (projection/join) are not in the store yet
    for (const u of this.work.csUpdates.values()) {
      if (!u.mvId || seen.has(u.id)) continue;
      const c = this.work.csEntries.get(u.id) ?? (await this.tx.csByIds([u.id]))[0];
      if (c) add({ ...c, ...u } as CsEntry);
    }
    for (const id of deleted) {
      for (const cs of byMv.get(id) ?? []) {
        if (cs.maId === this.env.source.id) continue;
        await this.deprovision(this.env.masById.get(cs.maId)!, cs, "deleted mventry");
      }
    }
    await this.work.insertNewMvs(this.tx);
    const mvs = new Map((await this.loadMvs(ids)).map((m) => [m.id, m]));
    // Provision first, so references between objects of this batch resolve in export flows.
    for (const id of ids) {
      const mv = mvs.get(id);
      if (!mv) continue;
      try {
        byMv.set(id, await this.provision(mv, byMv.get(id) ?? []));
      } catch (e) {
        this.fail(e, {}, id);
      }
    }
    const { adopted, dropped } = await this.insertPlanned();
    for (const [mvId, list] of byMv) {
      byMv.set(mvId, list.filter((c) => !dropped.has(c.id)).map((c) => adopted.get(c.id) ?? c));
    }
    const pes = new Map((await this.tx.peByCsIds([...byMv.values()].flat().map((c) => c.id))).map((p) => [p.csId, p]));
    for (const [csId, pe] of this.staged) pes.set(csId, { id: "", ...pe });
    for (const id of ids) {
      const mv = mvs.get(id);
      if (!mv) continue;
      for (const cs of byMv.get(id) ?? []) {
        try {
          await this.exportFlows(mv, cs, pes.get(cs.id));
        } catch (e) {
          this.fail(e, cs, mv.id);
        }
      }
    }
    if (this.staged.size) await this.tx.peUpsert([...this.staged.values()]);
  }

  /** Inserts the planned connectors; one whose DN is already a disconnector of that MA is adopted instead. */
  private async insertPlanned(): Promise<{ adopted: Map<string, CsEntry>; dropped: Set<string> }> {
    const adopted = new Map<string, CsEntry>();
    const dropped = new Set<string>();
    const byMa = new Map<string, typeof this.planned>();
    for (const p of this.planned) {
      const list = byMa.get(p.cs.maId);
      if (list) list.push(p);
      else byMa.set(p.cs.maId, [p]);
    }
    const inserts: CsEntry[] = [];
    for (const [maId, list] of byMa) {
      const existing = new Map((await this.tx.csByDns(maId, list.map((p) => p.cs.dn))).map((c) => [c.dn.toLowerCase(), c]));
      for (const p of list) {
        const clash = existing.get(p.cs.dn.toLowerCase());
        if (!clash) {
          inserts.push(p.cs);
          this.staged.set(p.cs.id, { maId, csId: p.cs.id, op: "add", dn: p.cs.dn, changes: p.initial, status: "pending" });
          this.env.ctx.count("provisioning-adds", { csId: p.cs.id, mvId: p.cs.mvId!, dn: p.cs.dn });
        } else if (clash.mvId === null && clash.state === "normal-disconnector" && !clash.deleted && !this.work.csUpdates.get(clash.id)?.mvId) {
          // An existing object of the same DN is adopted instead of a duplicate add.
          const real = { ...clash, mvId: p.cs.mvId, state: "connector" as const, linkType: "provisioning" as const };
          this.work.updateCs({ id: clash.id, mvId: p.cs.mvId, state: "connector", linkType: "provisioning" });
          adopted.set(p.cs.id, real);
        } else {
          dropped.add(p.cs.id);
          this.fail(new RuleError("provisioning-dn-in-use", `${p.where}: DN "${p.cs.dn}" is already used by another object of ${this.env.masById.get(maId)?.name}`, `${p.where}.dn`), { dn: p.cs.dn }, p.cs.mvId!);
        }
      }
    }
    if (inserts.length) await this.tx.csInsert(inserts);
    this.planned = [];
    return { adopted, dropped };
  }

  private async loadMvs(ids: string[]): Promise<MvEntry[]> {
    const missing = ids.filter((id) => !this.work.mvs.has(id));
    for (const mv of await this.tx.mvByIds(missing)) this.work.mvs.set(mv.id, mv);
    return ids.map((id) => this.work.mvs.get(id)).filter((m): m is MvEntry => !!m);
  }

  /** Applies every MA's provisioning rules to one mventry; returns its connectors afterwards. */
  private async provision(mv: MvEntry, connectors: CsEntry[]): Promise<CsEntry[]> {
    const out = [...connectors];
    const multi = this.env.isMulti(mv.objectType);
    for (const ma of this.env.mas) {
      for (const [i, rule] of (ma.rules.provisioning ?? []).entries()) {
        if (rule.mvObjectType !== mv.objectType) continue;
        const where = `${ma.name}: provisioning[${i}] "${rule.name}"`;
        const existing = out.find((c) => c.maId === ma.id && c.objectType === rule.objectType);
        const wanted = !rule.condition || (await evalMvBool(rule.condition, `${where}.condition`, mv, multi));
        if (!wanted) {
          if (existing) {
            await this.deprovision(ma, existing, `provisioning rule "${rule.name}" no longer matches`);
            out.splice(out.indexOf(existing), 1);
          }
          continue;
        }
        const [dn] = await evalMv(rule.dn, `${where}.dn`, mv, multi);
        if (!dn) throw new RuleError("provisioning-no-dn", `${where}: the DN expression gave no value`, `${where}.dn`);
        if (existing) {
          if (existing.dn.toLowerCase() !== dn.toLowerCase()) await this.rename(ma, existing, dn);
          continue;
        }
        const anchor = rule.anchor ? ((await evalMv(rule.anchor, `${where}.anchor`, mv, multi))[0] ?? null) : null;
        const initial: Record<string, AttrChange> = {};
        for (const [attr, expr] of Object.entries(rule.initial ?? {})) {
          initial[attr] = { replace: await evalMv(expr, `${where}.initial.${attr}`, mv, multi) };
        }
        const cs: CsEntry = { id: newId(), maId: ma.id, anchor, dn, objectType: rule.objectType, attrs: {}, state: "connector", mvId: mv.id, linkType: "provisioning", pendingImport: null, deleted: false };
        this.planned.push({ cs, initial, where });
        out.push(cs);
      }
    }
    return out;
  }

  private async rename(ma: MaDefinition, cs: CsEntry, newDn: string): Promise<void> {
    const [pe] = await this.tx.peByCsIds([cs.id]);
    if (pe && pe.status !== "exported" && pe.op === "add") {
      await this.tx.peUpsert([{ ...pe, dn: newDn }]);
      this.work.updateCs({ id: cs.id, dn: newDn });
    } else {
      const op = pe?.op === "delete" ? "delete" : "rename";
      await this.tx.peUpsert([{ maId: ma.id, csId: cs.id, op, dn: cs.dn, newDn, changes: pe && pe.status !== "exported" ? pe.changes : {}, status: "pending" }]);
    }
    this.env.ctx.count("provisioning-renames", { csId: cs.id, mvId: cs.mvId ?? undefined, dn: newDn });
    // Objects that reference the renamed one must export its new DN: they are revisited at step end.
    for (const { type, attr } of this.env.referenceAttributes()) {
      for (const r of await this.tx.mvFindByValues(type, attr, [cs.mvId!], false)) this.unresolved.add(r.mvId);
    }
  }

  /** What happens to a connector of `ma` when its mventry leaves: the MA's deprovisioning action. */
  async deprovision(ma: MaDefinition, cs: CsEntry, why: string): Promise<void> {
    const action = ma.rules.deprovision ?? "disconnector";
    const [pe] = await this.tx.peByCsIds([cs.id]);
    const neverExported = cs.anchor === null && (!pe || (pe.op === "add" && pe.status !== "exported"));
    if (neverExported) {
      await this.tx.peDeleteByCsIds([cs.id]);
      this.work.csDeletes.add(cs.id);
    } else if (action === "delete") {
      await this.tx.peUpsert([{ maId: ma.id, csId: cs.id, op: "delete", dn: cs.dn, changes: {}, status: "pending" }]);
      this.work.updateCs({ id: cs.id, mvId: null, linkType: null, state: "normal-disconnector" });
    } else {
      if (pe && pe.status !== "exported") await this.tx.peDeleteByCsIds([cs.id]);
      this.work.updateCs({ id: cs.id, mvId: null, linkType: null, state: action === "explicit-disconnector" ? "explicit-disconnector" : "normal-disconnector" });
    }
    this.env.ctx.count("provisioning-disconnects", { csId: cs.id, mvId: cs.mvId ?? undefined, dn: cs.dn });
    void why;
  }

  /** Export attribute flow into one connector; stages the difference as a pending export. */
  private async exportFlows(mv: MvEntry, cs: CsEntry, pe: PendingExportRecord | undefined): Promise<void> {
    const ma = this.env.masById.get(cs.maId);
    if (!ma) return;
    const flows = (ma.rules.exportFlows ?? []).map((f, i) => [f, i] as const).filter(([f]) => f.objectType === cs.objectType && f.mvObjectType === mv.objectType);
    if (flows.length === 0) return;
    const multi = this.env.isMulti(mv.objectType);
    // What the system will hold once pending and unconfirmed exports land.
    const expected = pe && pe.op !== "delete" ? applyChanges(cs.attrs, pe.changes) : cs.attrs;
    const changes: Record<string, AttrChange> = { ...(pe && pe.status !== "exported" ? pe.changes : {}) };
    let any = false;
    for (const [flow, index] of flows) {
      const rule = `${ma.name}: exportFlows[${index}] (${flow.mv ?? "expression"} -> ${flow.cs})`;
      // Never export a value back into the system it came from (no flow loops).
      if (flow.mv && mv.lineage[flow.mv]?.maId === ma.id && !(pe?.op === "add")) continue;
      let values = flow.expression ? await evalMv(flow.expression, rule, mv, multi) : [...(mv.attrs[flow.mv ?? ""] ?? [])];
      const def = flow.mv ? this.env.attrDef(mv.objectType, flow.mv) : undefined;
      if (def?.type === "reference" && values.length) values = await this.referencesToDns(ma, mv, values);
      if (values.length === 0 && flow.allowNull === false) continue;
      const isMulti = def?.multiValued ?? values.length > 1;
      const change = diffValues(expected[flow.cs], values, isMulti);
      if (!change) continue;
      changes[flow.cs] = mergeChange(changes[flow.cs], change, cs.attrs[flow.cs]);
      any = true;
    }
    if (!any) return;
    const pendingStill = !!pe && pe.status !== "exported";
    this.staged.set(cs.id, {
      maId: ma.id,
      csId: cs.id,
      op: pendingStill ? pe!.op : "update",
      dn: pendingStill ? pe!.dn : (pe?.newDn ?? pe?.dn ?? cs.dn),
      newDn: pendingStill ? (pe!.newDn ?? null) : null,
      changes,
      status: "pending",
      // a change an interrupted export may have written stays marked so (see export-step.ts)
      sentInRunId: pendingStill ? (pe!.sentInRunId ?? null) : null,
    });
    this.env.ctx.count("export-attribute-flow-updates", { csId: cs.id, mvId: mv.id, dn: cs.dn });
  }

  /** mventry ids -> DNs of their connectors in the target MA. */
  private async referencesToDns(ma: MaDefinition, mv: MvEntry, mvIds: string[]): Promise<string[]> {
    const targets = await this.tx.csByMvIds(mvIds, ma.id);
    // A target with a rename on its way is referenced by its new DN.
    const renames = new Map((await this.tx.peByCsIds(targets.map((t) => t.id))).filter((p) => p.newDn).map((p) => [p.csId, p.newDn!]));
    const dnByMv = new Map<string, string>();
    for (const t of targets) {
      const u = this.work.csUpdates.get(t.id);
      if (this.work.csDeletes.has(t.id) || u?.mvId === null) continue;
      dnByMv.set(t.mvId!, renames.get(t.id) ?? u?.dn ?? t.dn);
    }
    const out: string[] = [];
    for (const id of mvIds) {
      const dn = dnByMv.get(id);
      if (dn) out.push(dn);
      else if (!this.work.deletedMvIds.has(id)) this.unresolved.add(mv.id);
    }
    return out;
  }
}
