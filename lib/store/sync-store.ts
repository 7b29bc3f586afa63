// Prisma implementation of the engine's SyncStore port (lib/engine/ports.ts), for SQLite and PostgreSQL.
import crypto from "node:crypto";
import type { MaDefinition, MaSafety, SyncStore, CsInsert, CsUpdate, MvInsert, MvUpdate, MvHistoryRecord } from "../engine/ports.ts";
import type { MaRules } from "../engine/rules.ts";
import type {
  CsEntry,
  CsState,
  LinkType,
  MetaverseModel,
  MvEntry,
  ObjectError,
  PendingExportRecord,
  PendingImport,
  RunStatus,
  StepObjectRef,
  StepStats,
  StepType,
  AttributeType,
  PrecedenceMode,
} from "../engine/types.ts";
import type { Db, Tx } from "./db.ts";
import { valueKey } from "./value-key.ts";
import { decryptConfigSecrets } from "./secrets.ts";

/** IN-lists are chunked so no provider hits its bound-parameter limit. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type CsRow = {
  id: string;
  maId: string;
  anchor: string | null;
  dn: string;
  objectType: string;
  attrs: string;
  state: string;
  mvId: string | null;
  linkType: string | null;
  pendingImport: string | null;
  deleted: boolean;
};

function toCs(r: CsRow): CsEntry {
  return {
    id: r.id,
    maId: r.maId,
    anchor: r.anchor,
    dn: r.dn,
    objectType: r.objectType,
    attrs: JSON.parse(r.attrs),
    state: r.state as CsState,
    mvId: r.mvId,
    linkType: r.linkType as LinkType | null,
    pendingImport: r.pendingImport ? (JSON.parse(r.pendingImport) as PendingImport) : null,
    deleted: r.deleted,
  };
}

function toMv(r: { id: string; objectType: string; attrs: string; lineage: string }): MvEntry {
  return { id: r.id, objectType: r.objectType, attrs: JSON.parse(r.attrs), lineage: JSON.parse(r.lineage) };
}

type PeRow = {
  id: string;
  maId: string;
  csId: string;
  op: string;
  dn: string;
  newDn: string | null;
  changes: string;
  status: string;
  error: string | null;
};

function toPe(r: PeRow): PendingExportRecord {
  return {
    id: r.id,
    maId: r.maId,
    csId: r.csId,
    op: r.op as PendingExportRecord["op"],
    dn: r.dn,
    newDn: r.newDn,
    changes: JSON.parse(r.changes),
    status: r.status as PendingExportRecord["status"],
    error: r.error,
  };
}

export function toMaDefinition(r: {
  id: string;
  name: string;
  type: string;
  config: string;
  rules: string;
  stagingMode: boolean;
  watermark: string | null;
}): MaDefinition {
  const config = JSON.parse(r.config) as Record<string, unknown>;
  const rules = JSON.parse(r.rules) as MaRules & { safety?: MaSafety };
  const { safety, ...rest } = rules;
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    config: decryptConfigSecrets(config),
    rules: rest,
    stagingMode: r.stagingMode,
    watermark: r.watermark,
    safety: safety ?? {},
  };
}

function mvValueRows(mvId: string, attrs: Record<string, string[]>, only?: Set<string>) {
  const rows: { mvId: string; attr: string; value: string; valueKey: string }[] = [];
  for (const [attr, values] of Object.entries(attrs)) {
    if (only && !only.has(attr)) continue;
    for (const value of values) rows.push({ mvId, attr, value, valueKey: valueKey(value) });
  }
  return rows;
}

export class PrismaSyncStore implements SyncStore {
  constructor(
    private readonly db: Db | Tx,
    private readonly root: Db,
    private readonly inTx = false,
  ) {}

  static create(db: Db): PrismaSyncStore {
    return new PrismaSyncStore(db, db);
  }

  async transaction<T>(fn: (tx: SyncStore) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    return this.root.$transaction((tx) => fn(new PrismaSyncStore(tx as Tx, this.root, true)), { timeout: 120_000, maxWait: 60_000 });
  }

  // --- configuration

  async loadModel(): Promise<MetaverseModel> {
    const types = await this.db.mvObjectType.findMany({ include: { attributes: true }, orderBy: { name: "asc" } });
    return {
      objectTypes: types.map((t) => ({
        name: t.name,
        description: t.description,
        attributes: t.attributes.map((a) => ({
          name: a.name,
          type: a.type as AttributeType,
          multiValued: a.multiValued,
          indexed: a.indexed,
          precedence: a.precedence as PrecedenceMode,
        })),
      })),
    };
  }

  async listMas(): Promise<MaDefinition[]> {
    return (await this.db.managementAgent.findMany({ orderBy: { name: "asc" } })).map(toMaDefinition);
  }

  async getMa(idOrName: string): Promise<MaDefinition | null> {
    const r = await this.db.managementAgent.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
    return r ? toMaDefinition(r) : null;
  }

  async setWatermark(maId: string, watermark: string | null): Promise<void> {
    await this.db.managementAgent.update({ where: { id: maId }, data: { watermark } });
  }

  // --- connector space

  async csByIds(ids: string[]): Promise<CsEntry[]> {
    const out: CsEntry[] = [];
    for (const part of chunks(ids)) out.push(...(await this.db.csObject.findMany({ where: { id: { in: part } } })).map(toCs));
    return out;
  }

  async csByAnchors(maId: string, anchors: string[]): Promise<CsEntry[]> {
    const out: CsEntry[] = [];
    for (const part of chunks(anchors)) out.push(...(await this.db.csObject.findMany({ where: { maId, anchor: { in: part } } })).map(toCs));
    return out;
  }

  async csByDns(maId: string, dns: string[]): Promise<CsEntry[]> {
    const out: CsEntry[] = [];
    const keys = [...new Set(dns.map((d) => d.toLowerCase()))];
    for (const part of chunks(keys)) out.push(...(await this.db.csObject.findMany({ where: { maId, dnKey: { in: part } } })).map(toCs));
    return out;
  }

  async csByMvIds(mvIds: string[], maId?: string): Promise<CsEntry[]> {
    const out: CsEntry[] = [];
    for (const part of chunks([...new Set(mvIds)])) {
      out.push(...(await this.db.csObject.findMany({ where: { mvId: { in: part }, ...(maId ? { maId } : {}) } })).map(toCs));
    }
    return out;
  }

  async csPage(maId: string, o: { afterId?: string; limit: number; pendingImportOnly?: boolean }): Promise<CsEntry[]> {
    const rows = await this.db.csObject.findMany({
      where: {
        maId,
        ...(o.afterId ? { id: { gt: o.afterId } } : {}),
        ...(o.pendingImportOnly ? { pendingImportOp: { not: null } } : {}),
      },
      orderBy: { id: "asc" },
      take: o.limit,
    });
    return rows.map(toCs);
  }

  async csCount(maId: string): Promise<number> {
    return this.db.csObject.count({ where: { maId } });
  }

  async csInsert(entries: CsInsert[]): Promise<CsEntry[]> {
    const rows = entries.map((e) => ({
      id: e.id ?? crypto.randomUUID(),
      maId: e.maId,
      anchor: e.anchor,
      dn: e.dn,
      dnKey: e.dn.toLowerCase(),
      objectType: e.objectType,
      attrs: JSON.stringify(e.attrs),
      state: e.state,
      mvId: e.mvId,
      linkType: e.linkType,
      linkedAt: e.mvId ? new Date() : null,
      pendingImport: e.pendingImport ? JSON.stringify(e.pendingImport) : null,
      pendingImportOp: e.pendingImport?.op ?? null,
      deleted: e.deleted,
    }));
    for (const part of chunks(rows)) await this.db.csObject.createMany({ data: part });
    return rows.map((r) => toCs(r));
  }

  async csUpdate(updates: CsUpdate[]): Promise<void> {
    // Updates with the same payload (e.g. "clear the pending import") become one updateMany.
    const groups = new Map<string, string[]>();
    const single: CsUpdate[] = [];
    for (const u of updates) {
      const { id, ...rest } = u;
      if (rest.attrs !== undefined || rest.anchor !== undefined || rest.dn !== undefined) {
        single.push(u);
        continue;
      }
      const key = JSON.stringify(rest);
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    for (const [key, ids] of groups) {
      if (ids.length === 1) {
        single.push({ id: ids[0], ...JSON.parse(key) });
        continue;
      }
      const data = this.csData(JSON.parse(key));
      for (const part of chunks(ids)) await this.db.csObject.updateMany({ where: { id: { in: part } }, data });
    }
    for (const u of single) await this.db.csObject.update({ where: { id: u.id }, data: this.csData(u) });
  }

  private csData(u: Omit<CsUpdate, "id">): Record<string, unknown> {
      const data: Record<string, unknown> = {};
      if (u.anchor !== undefined) data.anchor = u.anchor;
      if (u.dn !== undefined) {
        data.dn = u.dn;
        data.dnKey = u.dn.toLowerCase();
      }
      if (u.objectType !== undefined) data.objectType = u.objectType;
      if (u.attrs !== undefined) data.attrs = JSON.stringify(u.attrs);
      if (u.state !== undefined) data.state = u.state;
      if (u.mvId !== undefined) {
        data.mvId = u.mvId;
        data.linkedAt = u.mvId ? new Date() : null;
      }
      if (u.linkType !== undefined) data.linkType = u.linkType;
      if (u.pendingImport !== undefined) {
        data.pendingImport = u.pendingImport ? JSON.stringify(u.pendingImport) : null;
        data.pendingImportOp = u.pendingImport?.op ?? null;
      }
      if (u.deleted !== undefined) data.deleted = u.deleted;
      return data;
  }

  async csDelete(ids: string[]): Promise<void> {
    for (const part of chunks(ids)) await this.db.csObject.deleteMany({ where: { id: { in: part } } });
  }

  // --- metaverse

  async mvByIds(ids: string[]): Promise<MvEntry[]> {
    const out: MvEntry[] = [];
    for (const part of chunks([...new Set(ids)])) out.push(...(await this.db.mvObject.findMany({ where: { id: { in: part } } })).map(toMv));
    return out;
  }

  async mvFindByValues(objectType: string, attr: string, values: string[], ignoreCase: boolean): Promise<{ mvId: string; value: string }[]> {
    const out: { mvId: string; value: string }[] = [];
    const keys = [...new Set(values.map(valueKey))];
    for (const part of chunks(keys)) {
      const rows = await this.db.mvValue.findMany({
        where: { attr, valueKey: { in: part }, mv: { objectType } },
        select: { mvId: true, value: true },
      });
      for (const r of rows) out.push(r);
    }
    if (ignoreCase) return out;
    const exact = new Set(values);
    return out.filter((r) => exact.has(r.value));
  }

  async mvInsert(entries: MvInsert[]): Promise<MvEntry[]> {
    const rows = entries.map((e) => ({
      id: e.id ?? crypto.randomUUID(),
      objectType: e.objectType,
      attrs: JSON.stringify(e.attrs),
      lineage: JSON.stringify(e.lineage),
    }));
    for (const part of chunks(rows)) await this.db.mvObject.createMany({ data: part });
    const values = entries.flatMap((e, i) => mvValueRows(rows[i].id, e.attrs));
    for (const part of chunks(values)) await this.db.mvValue.createMany({ data: part });
    return rows.map(toMv);
  }

  async mvUpdate(updates: MvUpdate[]): Promise<void> {
    for (const u of updates) {
      await this.db.mvObject.update({
        where: { id: u.id },
        data: { attrs: JSON.stringify(u.attrs), lineage: JSON.stringify(u.lineage) },
      });
      if (u.changedAttrs.length === 0) continue;
      await this.db.mvValue.deleteMany({ where: { mvId: u.id, attr: { in: u.changedAttrs } } });
      const rows = mvValueRows(u.id, u.attrs, new Set(u.changedAttrs));
      for (const part of chunks(rows)) await this.db.mvValue.createMany({ data: part });
    }
  }

  async mvDelete(ids: string[]): Promise<void> {
    for (const part of chunks(ids)) {
      await this.db.mvValue.deleteMany({ where: { mvId: { in: part } } });
      await this.db.csObject.updateMany({ where: { mvId: { in: part } }, data: { mvId: null } });
      await this.db.mvObject.deleteMany({ where: { id: { in: part } } });
    }
  }

  async mvHistory(records: MvHistoryRecord[]): Promise<void> {
    const rows = records.map((r) => ({
      mvId: r.mvId,
      attr: r.attr,
      oldValue: JSON.stringify(r.oldValue),
      newValue: JSON.stringify(r.newValue),
      maId: r.maId ?? null,
      runId: r.runId ?? null,
      rule: r.rule ?? null,
    }));
    for (const part of chunks(rows)) await this.db.mvHistory.createMany({ data: part });
  }

  // --- pending exports

  async peByCsIds(csIds: string[]): Promise<PendingExportRecord[]> {
    const out: PendingExportRecord[] = [];
    for (const part of chunks([...new Set(csIds)])) out.push(...(await this.db.pendingExport.findMany({ where: { csId: { in: part } } })).map(toPe));
    return out;
  }

  async peUpsert(records: Omit<PendingExportRecord, "id">[]): Promise<void> {
    for (const r of records) {
      const data = {
        maId: r.maId,
        op: r.op,
        dn: r.dn,
        newDn: r.newDn ?? null,
        changes: JSON.stringify(r.changes),
        status: r.status,
        error: r.error ?? null,
      };
      await this.db.pendingExport.upsert({ where: { csId: r.csId }, create: { csId: r.csId, ...data }, update: data });
    }
  }

  async peDeleteByCsIds(csIds: string[]): Promise<void> {
    for (const part of chunks(csIds)) await this.db.pendingExport.deleteMany({ where: { csId: { in: part } } });
  }

  async pePage(maId: string, o: { status: PendingExportRecord["status"]; afterId?: string; limit: number }): Promise<PendingExportRecord[]> {
    const rows = await this.db.pendingExport.findMany({
      where: { maId, status: o.status, ...(o.afterId ? { id: { gt: o.afterId } } : {}) },
      orderBy: { id: "asc" },
      take: o.limit,
    });
    return rows.map(toPe);
  }

  async peCount(maId: string, o: { status?: PendingExportRecord["status"]; op?: string }): Promise<number> {
    return this.db.pendingExport.count({ where: { maId, ...(o.status ? { status: o.status } : {}), ...(o.op ? { op: o.op } : {}) } });
  }

  async peMark(updates: { id: string; status: PendingExportRecord["status"]; error?: string | null; runId?: string }[]): Promise<void> {
    for (const u of updates) {
      await this.db.pendingExport.update({
        where: { id: u.id },
        data: {
          status: u.status,
          error: u.error ?? null,
          ...(u.status === "exported" ? { exportedAt: new Date(), exportRunId: u.runId ?? null } : {}),
        },
      });
    }
  }

  // --- run history

  async startStep(runId: string, seq: number, type: StepType) {
    const r = await this.db.runStep.create({ data: { runId, seq, type, status: "in-progress" } });
    return { id: r.id, runId, seq, type };
  }

  async finishStep(stepId: string, status: RunStatus, stats: StepStats, message?: string): Promise<void> {
    await this.db.runStep.update({
      where: { id: stepId },
      data: { status, stats: JSON.stringify(stats), message: message ?? null, endedAt: new Date() },
    });
  }

  async stepProgress(stepId: string, p: { done: number; total?: number; stats: StepStats }): Promise<void> {
    await this.db.runStep.update({
      where: { id: stepId },
      data: { progress: JSON.stringify({ done: p.done, total: p.total }), stats: JSON.stringify(p.stats) },
    });
  }

  async stepObjects(stepId: string, refs: StepObjectRef[]): Promise<void> {
    const rows = refs.map((r) => ({
      stepId,
      counter: r.counter,
      csId: r.csId ?? null,
      mvId: r.mvId ?? null,
      anchor: r.anchor ?? null,
      dn: r.dn ?? null,
    }));
    for (const part of chunks(rows)) await this.db.runStepObject.createMany({ data: part });
  }

  async stepErrors(stepId: string, errors: ObjectError[]): Promise<void> {
    const rows = errors.map((e) => ({
      stepId,
      code: e.code,
      message: e.message,
      location: e.location ?? null,
      csId: e.csId ?? null,
      anchor: e.anchor ?? null,
      dn: e.dn ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    }));
    for (const part of chunks(rows)) await this.db.runError.createMany({ data: part });
  }
}
