// Inbound synchronization of one csentry: connector filter -> join -> projection -> import
// attribute flow with precedence; and disconnection with attribute recall and the object deletion rule.
import type { SyncStore } from "./ports.ts";
import type { ImportFlowRule, JoinProjectionRule } from "./rules.ts";
import type { SyncEnvironment } from "./sync-environment.ts";
import type { SyncWork } from "./sync-work.ts";
import type { CsEntry, LinkType, MvEntry } from "./types.ts";
import { sameValues } from "./attr-values.ts";
import { uniqueCallAt } from "./expressions.ts";
import { evalCs, evalCsBool, RuleError } from "./flow-eval.ts";
import { newId } from "./ids.ts";

export class Inbound {
  /** csentries whose references pointed at objects not yet connected: synced again at step end. */
  readonly unresolved = new Set<string>();

  constructor(
    private readonly env: SyncEnvironment,
    private readonly tx: SyncStore,
    private readonly work: SyncWork,
  ) {}

  private get rules() {
    return this.env.source.rules;
  }

  async mv(id: string): Promise<MvEntry | undefined> {
    if (this.work.deletedMvIds.has(id)) return undefined;
    const cached = this.work.mvs.get(id);
    if (cached) return cached;
    const [mv] = await this.tx.mvByIds([id]);
    if (mv) this.work.mvs.set(id, mv);
    return mv;
  }

  /** Answers the first join rule of every disconnector of the page with one query per attribute. */
  async prefetch(page: CsEntry[]): Promise<void> {
    for (const cs of page) this.work.csEntries.set(cs.id, cs);
    const connected = page.filter((c) => c.mvId && !this.work.mvs.has(c.mvId)).map((c) => c.mvId!);
    for (const mv of await this.tx.mvByIds(connected)) this.work.mvs.set(mv.id, mv);
    const wanted = new Map<string, { type: string; attr: string; values: Set<string> }>();
    for (const cs of page) {
      if (cs.mvId || cs.deleted || cs.state === "explicit-disconnector") continue;
      const jp = (this.rules.joinProjection ?? []).find((r) => r.objectType === cs.objectType);
      const rule = jp?.join?.[0];
      if (!jp || !rule || rule.ignoreCase === false) continue;
      for (const m of rule.mappings) {
        if (m.expression || !m.cs) continue;
        const key = `${jp.mvObjectType}\0${m.mv}`;
        const w = wanted.get(key) ?? { type: jp.mvObjectType, attr: m.mv, values: new Set<string>() };
        for (const v of cs.attrs[m.cs] ?? []) w.values.add(v);
        wanted.set(key, w);
      }
    }
    const candidates = new Set<string>();
    for (const w of wanted.values()) {
      const values = [...w.values];
      for (const v of values) this.work.joinCache.set(`${w.type}\0${w.attr}\0${v.trim().toLowerCase()}`, []);
      for (const f of await this.tx.mvFindByValues(w.type, w.attr, values, true)) {
        this.work.joinCache.get(`${w.type}\0${w.attr}\0${f.value.trim().toLowerCase()}`)?.push(f.mvId);
        candidates.add(f.mvId);
      }
    }
    for (const id of candidates) this.work.sourceConnectors.set(id, []);
    for (const c of await this.tx.csByMvIds([...candidates], this.env.source.id)) this.work.sourceConnectors.get(c.mvId!)?.push(c.id);
  }

  private async lookup(type: string, attr: string, values: string[], ignoreCase: boolean): Promise<string[]> {
    if (ignoreCase) {
      const keys = values.map((v) => `${type}\0${attr}\0${v.trim().toLowerCase()}`);
      if (keys.every((k) => this.work.joinCache.has(k))) return [...new Set(keys.flatMap((k) => this.work.joinCache.get(k)!))];
    }
    return (await this.tx.mvFindByValues(type, attr, values, ignoreCase)).map((f) => f.mvId);
  }

  async syncEntry(cs: CsEntry): Promise<void> {
    const { ctx } = this.env;
    const ref = { csId: cs.id, anchor: cs.anchor ?? undefined, dn: cs.dn };
    if (cs.deleted) {
      const mv = cs.mvId ? await this.mv(cs.mvId) : undefined;
      if (mv) await this.disconnect(cs, mv, "normal-disconnector", true);
      this.work.csDeletes.add(cs.id);
      await this.tx.peDeleteByCsIds([cs.id]);
      ctx.count("disconnectors", ref);
      return;
    }
    if (cs.state === "explicit-disconnector") {
      this.work.updateCs({ id: cs.id, pendingImport: null });
      return;
    }
    if (await this.isFiltered(cs)) {
      const mv = cs.mvId ? await this.mv(cs.mvId) : undefined;
      if (mv) await this.disconnect(cs, mv, "filtered-disconnector", false);
      else this.work.updateCs({ id: cs.id, state: "filtered-disconnector", pendingImport: null });
      ctx.count("filtered-disconnectors", ref);
      return;
    }
    let mv = cs.mvId ? await this.mv(cs.mvId) : undefined;
    let linkType: LinkType | null = cs.linkType;
    let linked = false;
    if (!mv) {
      const jp = (this.rules.joinProjection ?? []).find((r) => r.objectType === cs.objectType);
      mv = jp ? await this.join(cs, jp) : undefined;
      if (mv) {
        linkType = "join";
        ctx.count("joins", { ...ref, mvId: mv.id });
      } else if (jp?.project && (!jp.projectCondition || (await evalCsBool(jp.projectCondition, `joinProjection[${cs.objectType}].projectCondition`, cs)))) {
        if (!this.env.hasType(jp.mvObjectType)) {
          throw new RuleError("unknown-mv-object-type", `projection to unknown metaverse object type "${jp.mvObjectType}"`, `joinProjection[${cs.objectType}]`);
        }
        mv = { id: newId(), objectType: jp.mvObjectType, attrs: {}, lineage: {} };
        this.work.addNewMv(mv);
        linkType = "projection";
        ctx.count("projections", { ...ref, mvId: mv.id });
      } else {
        this.work.updateCs({ id: cs.id, state: "normal-disconnector", pendingImport: null });
        ctx.count("disconnectors", ref);
        return;
      }
      linked = true;
    }
    const changed = await this.importFlows(cs, mv);
    // Only what differs is written: a full sync of unchanged connectors writes nothing.
    const u: Parameters<SyncWork["updateCs"]>[0] = { id: cs.id };
    if (cs.state !== "connector") u.state = "connector";
    if (cs.mvId !== mv.id) u.mvId = mv.id;
    if (cs.linkType !== linkType) u.linkType = linkType;
    if (cs.pendingImport !== null) u.pendingImport = null;
    if (Object.keys(u).length > 1) this.work.updateCs(u);
    if (linked) this.work.outbound.add(mv.id);
    if (!linked) ctx.count(changed ? "connectors-with-flow-updates" : "connectors-without-flow-updates", { ...ref, mvId: mv.id });
    // A renamed csentry may need export flows recomputed even without attribute changes.
    if (cs.pendingImport?.op === "rename") this.work.outbound.add(mv.id);
  }

  private async isFiltered(cs: CsEntry): Promise<boolean> {
    const filters = (this.rules.connectorFilters ?? []).filter((f) => f.objectType === cs.objectType);
    for (const [i, f] of filters.entries()) {
      if (await evalCsBool(f.condition, `connectorFilters[${i}]`, cs)) return true;
    }
    return false;
  }

  private async join(cs: CsEntry, jp: JoinProjectionRule): Promise<MvEntry | undefined> {
    const taken = async (ids: string[]) => {
      // An mventry already joined to another csentry of this MA is not a candidate.
      const unknown = ids.filter((id) => !this.work.sourceConnectors.has(id));
      for (const id of unknown) this.work.sourceConnectors.set(id, []);
      for (const o of await this.tx.csByMvIds(unknown, this.env.source.id)) this.work.sourceConnectors.get(o.mvId!)?.push(o.id);
      return ids.filter((id) => !this.work.linkedToOther(id, cs.id) && !(this.work.sourceConnectors.get(id) ?? []).some((c) => c !== cs.id && this.work.csUpdates.get(c)?.mvId !== null));
    };
    for (const [i, rule] of (jp.join ?? []).entries()) {
      let candidates: Set<string> | undefined;
      for (const m of rule.mappings) {
        const values = m.expression ? await evalCs(m.expression, `joinProjection[${cs.objectType}].join[${i}]`, cs) : (cs.attrs[m.cs ?? ""] ?? []);
        if (values.length === 0) {
          candidates = new Set<string>();
          break;
        }
        const found = await this.lookup(jp.mvObjectType, m.mv, values, rule.ignoreCase ?? true);
        const ids = new Set([...found, ...this.work.findNew(jp.mvObjectType, m.mv, values)]);
        const prev: Set<string> | undefined = candidates;
        candidates = prev === undefined ? ids : new Set([...prev].filter((id) => ids.has(id)));
        if (candidates.size === 0) break;
      }
      const ids = await taken([...(candidates ?? [])].filter((id) => !this.work.deletedMvIds.has(id)));
      if (ids.length === 1) return this.mv(ids[0]);
      if (ids.length > 1) {
        throw new RuleError(
          "join-ambiguous",
          `join rule ${i + 1} matched ${ids.length} mventries: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", ..." : ""}`,
          `joinProjection[${cs.objectType}].join[${i}]`,
        );
      }
    }
    return undefined;
  }

  /** Values one import flow produces for this csentry (references become mventry ids). */
  async flowValues(cs: CsEntry, mv: MvEntry, flow: ImportFlowRule, index: number): Promise<string[]> {
    const rule = `importFlows[${index}] (${flow.objectType}.${flow.cs ?? "expression"} -> ${flow.mv})`;
    const def = this.env.attrDef(mv.objectType, flow.mv);
    if (!def) throw new RuleError("unknown-mv-attribute", `rule ${rule}: the metaverse has no attribute "${flow.mv}" on "${mv.objectType}"`, rule);
    const unique = flow.expression !== undefined && uniqueCallAt(flow.expression) >= 0;
    const extra = unique ? { uniqueness: this.env.uniqueValues.checker(this.tx, mv, flow.mv, (id) => this.work.deletedMvIds.has(id)) } : {};
    let values = flow.expression ? await evalCs(flow.expression, rule, cs, extra) : [...(cs.attrs[flow.cs ?? ""] ?? [])];
    if (unique) this.env.uniqueValues.handOut(mv, flow.mv, values);
    if (def.type === "reference" && values.length) {
      const targets = await this.tx.csByDns(cs.maId, values);
      const byDn = new Map(targets.map((t) => [t.dn.toLowerCase(), t]));
      const resolved: string[] = [];
      for (const v of values) {
        const t = byDn.get(v.toLowerCase());
        const mvId = t && !t.deleted ? (this.work.csUpdates.get(t.id)?.mvId ?? t.mvId) : null;
        if (mvId) resolved.push(mvId);
        else this.unresolved.add(cs.id);
      }
      values = resolved;
    }
    return def.multiValued ? [...new Set(values)] : values.slice(0, 1);
  }

  /** Import attribute flow with precedence; returns whether the mventry changed. */
  async importFlows(cs: CsEntry, mv: MvEntry): Promise<boolean> {
    let changed = false;
    const flows = (this.rules.importFlows ?? []).map((f, i) => [f, i] as const).filter(([f]) => f.objectType === cs.objectType && f.mvObjectType === mv.objectType);
    for (const [flow, index] of flows) {
      const def = this.env.attrDef(mv.objectType, flow.mv);
      let values = await this.flowValues(cs, mv, flow, index);
      const holder = mv.lineage[flow.mv];
      let lineageMa = this.env.source.id;
      if (def?.precedence !== "equal" && holder && holder.maId !== this.env.source.id && (mv.attrs[flow.mv]?.length ?? 0) > 0) {
        const mine = this.env.rankOf(mv.objectType, flow.mv, this.env.source.id);
        const theirs = this.env.rankOf(mv.objectType, flow.mv, holder.maId);
        if (theirs < mine) continue; // a higher-precedence MA holds this attribute
      }
      if (values.length === 0 && holder?.maId === this.env.source.id) {
        const recalled = await this.recall(mv, flow.mv, cs.id);
        values = recalled.values;
        lineageMa = recalled.maId ?? lineageMa;
      }
      if (this.setAttr(mv, flow.mv, values, `importFlows[${index}]`, lineageMa)) changed = true;
    }
    return changed;
  }

  setAttr(mv: MvEntry, attr: string, values: string[], rule: string, maId: string): boolean {
    const before = mv.attrs[attr] ?? [];
    if (sameValues(before, values)) return false;
    if (values.length) mv.attrs[attr] = values;
    else delete mv.attrs[attr];
    if (values.length) mv.lineage[attr] = { ...this.env.lineageFor(rule), maId };
    else delete mv.lineage[attr];
    if (!this.work.newMvIds.has(mv.id)) {
      this.work.history.push({ mvId: mv.id, attr, oldValue: before, newValue: values, maId, runId: this.env.runId, rule });
    }
    this.work.touchMv(mv, attr, before);
    return true;
  }

  /** The best value of an attribute from the mventry's other connectors (precedence order). */
  async recall(mv: MvEntry, attr: string, excludeCsId: string): Promise<{ values: string[]; maId?: string }> {
    const connectors = (await this.tx.csByMvIds([mv.id])).filter((c) => c.id !== excludeCsId && c.state === "connector" && !c.deleted);
    for (const c of this.env.contributorsOf(mv.objectType, attr)) {
      if (c.ma.id === this.env.source.id) continue;
      const cs = connectors.find((x) => x.maId === c.ma.id && x.objectType === c.flow.objectType);
      if (!cs) continue;
      const values = await this.flowValues(cs, mv, c.flow, c.index);
      if (values.length) return { values, maId: c.ma.id };
    }
    return { values: [] };
  }

  /** Breaks the link; recalls the attributes this MA contributed; applies the object deletion rule. */
  async disconnect(cs: CsEntry, mv: MvEntry, state: "normal-disconnector" | "filtered-disconnector", deletedFromSource: boolean): Promise<void> {
    this.work.updateCs({ id: cs.id, mvId: null, linkType: null, state, pendingImport: null });
    const remaining = (await this.tx.csByMvIds([mv.id])).filter((c) => c.id !== cs.id && this.work.csUpdates.get(c.id)?.mvId !== null);
    if ((deletedFromSource && this.rules.deleteMvOnDisconnect) || remaining.length === 0) {
      this.work.deleteMv(mv.id);
      this.env.ctx.count("deleted-mventries", { csId: cs.id, mvId: mv.id, dn: cs.dn });
      return;
    }
    for (const [attr, lin] of Object.entries(mv.lineage)) {
      if (lin.maId !== this.env.source.id) continue;
      const r = await this.recall(mv, attr, cs.id);
      this.setAttr(mv, attr, r.values, "recall-on-disconnect", r.maId ?? this.env.source.id);
    }
    this.work.outbound.add(mv.id);
  }
}
