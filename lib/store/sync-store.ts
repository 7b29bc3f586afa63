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
import { dialectOf, type Db, type Tx } from "./db.ts";
import { bulkDelete, bulkInsert, bulkUpdate, boolSql, nowSql, type Dialect } from "./bulk-sql.ts";
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
  private readonly dialect: Dialect;

  constructor(
    private readonly db: Db | Tx,
    private readonly root: Db,
    private readonly inTx = false,
  ) {
    this.dialect = dialectOf(root);
  }

  static create(db: Db): PrismaSyncStore {
    return new PrismaSyncStore(db, db);
  }

  async transaction<T>(fn: (tx: SyncStore) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    return this.root.$transaction((tx) => fn(new PrismaSyncStore(tx as Tx, this.root, true)), { timeout: 300_000, maxWait: 120_000 });
  }

  private ph(n: number): string {
    return this.dialect === "sqlite" ? "?" : `$${n}`;
  }

  private get stamps(): Record<string, string> {
    const now = nowSql(this.dialect);
    return { createdAt: now, updatedAt: now };
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
      objectType: e.objectType,
      attrs: JSON.stringify(e.attrs),
      state: e.state,
      mvId: e.mvId,
      linkType: e.linkType,
      pendingImport: e.pendingImport ? JSON.stringify(e.pendingImport) : null,
      deleted: e.deleted,
    }));
    for (const deleted of [false, true]) {
      const part = rows.filter((r) => r.deleted === deleted);
      await bulkInsert(
        this.db,
        this.dialect,
        "CsObject",
        ["id", "maId", "anchor", "dn", "dnKey", "objectType", "attrs", "state", "mvId", "linkType", "pendingImport", "pendingImportOp"],
        part.map((r) => [r.id, r.maId, r.anchor, r.dn, r.dn.toLowerCase(), r.objectType, r.attrs, r.state, r.mvId, r.linkType, r.pendingImport, r.pendingImport ? JSON.parse(r.pendingImport).op : null]),
        { deleted: boolSql(this.dialect, deleted), ...this.stamps },
      );
    }
    return rows.map((r) => toCs(r));
  }

  async csUpdate(updates: CsUpdate[]): Promise<void> {
    // Updates touching the same columns become one multi-row UPDATE.
    const groups = new Map<string, CsUpdate[]>();
    for (const u of updates) {
      const key = Object.keys(u).filter((k) => k !== "id" && (u as Record<string, unknown>)[k] !== undefined).sort().join(",");
      if (!key) continue;
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    for (const [key, group] of groups) {
      const fields = key.split(",");
      const cols: string[] = [];
      const extra: string[] = [`"updatedAt" = ${nowSql(this.dialect)}`];
      for (const f of fields) {
        if (f === "dn") cols.push("dn", "dnKey");
        else if (f === "pendingImport") cols.push("pendingImport", "pendingImportOp");
        else if (f === "mvId") {
          cols.push("mvId");
          extra.push(`"linkedAt" = CASE WHEN v."mvId" IS NULL THEN NULL ELSE ${nowSql(this.dialect)} END`);
        } else if (f === "deleted") continue;
        else cols.push(f);
      }
      if (fields.includes("deleted")) {
        for (const value of [false, true]) {
          const ids = group.filter((u) => u.deleted === value).map((u) => u.id);
          for (const part of chunks(ids)) await this.db.csObject.updateMany({ where: { id: { in: part } }, data: { deleted: value } });
        }
      }
      if (cols.length === 0) continue;
      const rows = group.map((u) => {
        const out: unknown[] = [u.id];
        for (const c of cols) {
          if (c === "dnKey") out.push(u.dn!.toLowerCase());
          else if (c === "attrs") out.push(JSON.stringify(u.attrs));
          else if (c === "pendingImport") out.push(u.pendingImport ? JSON.stringify(u.pendingImport) : null);
          else if (c === "pendingImportOp") out.push(u.pendingImport?.op ?? null);
          else out.push((u as Record<string, unknown>)[c] ?? null);
        }
        return out;
      });
      await bulkUpdate(this.db, this.dialect, "CsObject", "id", cols, rows, extra);
    }
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
    await bulkInsert(this.db, this.dialect, "MvObject", ["id", "objectType", "attrs", "lineage"], rows.map((r) => [r.id, r.objectType, r.attrs, r.lineage]), this.stamps);
    const values = entries.flatMap((e, i) => mvValueRows(rows[i].id, e.attrs));
    await bulkInsert(this.db, this.dialect, "MvValue", ["mvId", "attr", "value", "valueKey"], values.map((v) => [v.mvId, v.attr, v.value, v.valueKey]));
    return rows.map(toMv);
  }

  async mvUpdate(updates: MvUpdate[]): Promise<void> {
    await bulkUpdate(
      this.db,
      this.dialect,
      "MvObject",
      "id",
      ["attrs", "lineage"],
      updates.map((u) => [u.id, JSON.stringify(u.attrs), JSON.stringify(u.lineage)]),
      [`"updatedAt" = ${nowSql(this.dialect)}`],
    );
    // Value rows of the changed attributes are rewritten, grouped by the set of attributes.
    const byAttrs = new Map<string, MvUpdate[]>();
    for (const u of updates) {
      if (u.changedAttrs.length === 0) continue;
      const key = [...u.changedAttrs].sort().join("\0");
      byAttrs.set(key, [...(byAttrs.get(key) ?? []), u]);
    }
    const values: ReturnType<typeof mvValueRows> = [];
    for (const group of byAttrs.values()) {
      const attrs = group[0].changedAttrs;
      for (const part of chunks(group.map((u) => u.id))) {
        await this.db.mvValue.deleteMany({ where: { mvId: { in: part }, attr: { in: attrs } } });
      }
      for (const u of group) values.push(...mvValueRows(u.id, u.attrs, new Set(attrs)));
    }
    await bulkInsert(this.db, this.dialect, "MvValue", ["mvId", "attr", "value", "valueKey"], values.map((v) => [v.mvId, v.attr, v.value, v.valueKey]));
  }

  async mvDelete(ids: string[]): Promise<void> {
    for (const part of chunks(ids)) {
      await this.db.mvValue.deleteMany({ where: { mvId: { in: part } } });
      await this.db.csObject.updateMany({ where: { mvId: { in: part } }, data: { mvId: null } });
      await this.db.mvObject.deleteMany({ where: { id: { in: part } } });
    }
  }

  async mvHistory(records: MvHistoryRecord[]): Promise<void> {
    await bulkInsert(
      this.db,
      this.dialect,
      "MvHistory",
      ["mvId", "attr", "oldValue", "newValue", "maId", "runId", "rule"],
      records.map((r) => [r.mvId, r.attr, JSON.stringify(r.oldValue), JSON.stringify(r.newValue), r.maId ?? null, r.runId ?? null, r.rule ?? null]),
      { at: nowSql(this.dialect) },
    );
  }

  // --- pending exports

  async peByCsIds(csIds: string[]): Promise<PendingExportRecord[]> {
    const out: PendingExportRecord[] = [];
    for (const part of chunks([...new Set(csIds)])) out.push(...(await this.db.pendingExport.findMany({ where: { csId: { in: part } } })).map(toPe));
    return out;
  }

  async peUpsert(records: Omit<PendingExportRecord, "id">[]): Promise<void> {
    // Replace semantics (one pending export per csentry): delete then insert, in the caller's transaction.
    const last = new Map(records.map((r) => [r.csId, r]));
    await bulkDelete(this.db, this.dialect, "PendingExport", "csId", [...last.keys()]);
    await bulkInsert(
      this.db,
      this.dialect,
      "PendingExport",
      ["id", "maId", "csId", "op", "dn", "newDn", "changes", "status", "error"],
      [...last.values()].map((r) => [crypto.randomUUID(), r.maId, r.csId, r.op, r.dn, r.newDn ?? null, JSON.stringify(r.changes), r.status, r.error ?? null]),
      this.stamps,
    );
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
    await bulkInsert(
      this.db,
      this.dialect,
      "RunStepObject",
      ["stepId", "counter", "csId", "mvId", "anchor", "dn"],
      refs.map((r) => [stepId, r.counter, r.csId ?? null, r.mvId ?? null, r.anchor ?? null, r.dn ?? null]),
    );
  }

  async stepErrors(stepId: string, errors: ObjectError[]): Promise<void> {
    await bulkInsert(
      this.db,
      this.dialect,
      "RunError",
      ["stepId", "code", "message", "location", "csId", "anchor", "dn", "detail"],
      errors.map((e) => [stepId, e.code, e.message, e.location ?? null, e.csId ?? null, e.anchor ?? null, e.dn ?? null, e.detail === undefined ? null : JSON.stringify(e.detail)]),
      { at: nowSql(this.dialect) },
    );
  }
}
