// What a synchronization step knows for its whole run: every MA, the metaverse model, the import
// flow index used for precedence, and helpers that read the store through the batch transaction.
import { UniqueValues } from "./unique-values.ts";
import type { MaDefinition } from "./ports.ts";
import type { ImportFlowRule } from "./rules.ts";
import type { StepContext } from "./step-context.ts";
import type { MetaverseModel, MvAttributeDef, MvEntry } from "./types.ts";

export interface Contributor {
  ma: MaDefinition;
  flow: ImportFlowRule;
  rank: number;
  index: number;
}

export class SyncEnvironment {
  readonly masById: Map<string, MaDefinition>;
  private readonly attrDefs = new Map<string, Map<string, MvAttributeDef>>();
  /** `${mvType}\0${attr}` -> contributors in precedence order (best first). */
  private readonly contributors = new Map<string, Contributor[]>();
  /** `${mvType}\0${attr}` of every metaverse attribute the source MA's join rules look up. */
  readonly joinKeys = new Set<string>();
  /** values `$unique` handed out in this run (import flows). */
  readonly uniqueValues = new UniqueValues();
  /** lineage timestamps are taken once a second: toISOString per attribute showed in profiles. */
  private stamp = { ms: 0, iso: "" };

  constructor(
    readonly source: MaDefinition,
    readonly mas: MaDefinition[],
    readonly model: MetaverseModel,
    readonly ctx: StepContext,
    readonly runId: string,
  ) {
    this.masById = new Map(mas.map((m) => [m.id, m]));
    for (const t of model.objectTypes) this.attrDefs.set(t.name, new Map(t.attributes.map((a) => [a.name, a])));
    for (const ma of mas) {
      (ma.rules.importFlows ?? []).forEach((flow, index) => {
        const key = `${flow.mvObjectType}\0${flow.mv}`;
        const list = this.contributors.get(key) ?? [];
        list.push({ ma, flow, rank: flow.precedence ?? 100, index });
        this.contributors.set(key, list);
      });
    }
    for (const list of this.contributors.values()) list.sort((a, b) => a.rank - b.rank || a.ma.name.localeCompare(b.ma.name));
    for (const jp of source.rules.joinProjection ?? []) {
      for (const rule of jp.join ?? []) for (const m of rule.mappings) this.joinKeys.add(`${jp.mvObjectType}\0${m.mv}`);
    }
  }

  attrDef(mvType: string, attr: string): MvAttributeDef | undefined {
    return this.attrDefs.get(mvType)?.get(attr);
  }

  /** Every reference attribute of the model (member, manager, ...). */
  referenceAttributes(): { type: string; attr: string }[] {
    return this.model.objectTypes.flatMap((t) => t.attributes.filter((a) => a.type === "reference").map((a) => ({ type: t.name, attr: a.name })));
  }

  hasType(mvType: string): boolean {
    return this.attrDefs.has(mvType);
  }

  isMulti(mvType: string): (attr: string) => boolean {
    return (attr) => this.attrDefs.get(mvType)?.get(attr)?.multiValued ?? false;
  }

  contributorsOf(mvType: string, attr: string): Contributor[] {
    return this.contributors.get(`${mvType}\0${attr}`) ?? [];
  }

  /** Precedence rank of an MA for an mventry attribute (lower wins); Infinity when it has no flow. */
  rankOf(mvType: string, attr: string, maId: string): number {
    const c = this.contributorsOf(mvType, attr).find((x) => x.ma.id === maId);
    return c ? c.rank : Number.POSITIVE_INFINITY;
  }

  lineageFor(rule: string): MvEntry["lineage"][string] {
    const now = Date.now();
    if (now - this.stamp.ms >= 1000) this.stamp = { ms: now, iso: new Date(now).toISOString() };
    return { maId: this.source.id, runId: this.runId, rule, at: this.stamp.iso };
  }
}
