// The engine's SyncStore port (lib/engine/ports.ts) in SQL over the same tables Prisma manages
// (prisma/schema.prisma), for SQLite and PostgreSQL. See sql-driver.ts for why this path does not
// go through the Prisma client. Every read and write is batch-shaped.
import type { MaDefinition, MaSafety, SyncStore, CsInsert, CsUpdate, CsImportKey, CsImportView, MvInsert, MvUpdate, MvHistoryRecord } from "../engine/ports.ts";
import type { MaRules } from "../engine/rules.ts";
import type {
  AttributeType,
  CsEntry,
  CsState,
  DeltaOp,
  LinkType,
  MetaverseModel,
  MvEntry,
  ObjectError,
  PendingExportRecord,
  PendingImport,
  PrecedenceMode,
  RunStatus,
  StepObjectRef,
  StepStats,
  StepType,
} from "../engine/types.ts";
import { targetOf, type Db } from "./db.ts";
import { sqlDriverFor, type SqlDriver } from "./sql-driver.ts";
import { boolSql, chunked, deleteIn, insertRows, nowSql, selectIn, updateRows } from "./sql-batch.ts";
import { valueKey } from "./value-key.ts";
import { decryptConfigSecrets } from "./secrets.ts";
import { newId } from "../engine/ids.ts";

/** value rows of an attribute with at least this many values (before + after) are diffed, not rewritten. */
const DIFF_VALUES_FROM = 64;
const CS_COLS = `"id", "maId", "anchor", "dn", "objectType", "attrs", "state", "mvId", "linkType", "pendingImport", "deleted"`;
const PE_COLS = `"id", "maId", "csId", "op", "dn", "newDn", "changes", "status", "error", "exportRunId"`;

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
  deleted: boolean | number;
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
    deleted: !!r.deleted,
  };
}

type ImportKeyRow = { id: string; anchor: string; dn: string; objectType: string; attrs: string; deleted: boolean | number; pe: string | null };
type ImportViewRow = ImportKeyRow & { pendingImport: string | null; peOp: string; peDn: string; peNewDn: string | null; peChanges: string; peStatus: string; peError: string | null; peRunId: string | null };

const IMPORT_FROM = `FROM "CsObject" c LEFT JOIN "PendingExport" p ON p."csId" = c."id"`;
const IMPORT_KEY_COLS = `c."id", c."anchor", c."dn", c."objectType", c."attrs", c."deleted", p."id" AS "pe"`;
/** With the staged change and the pending export's columns: a batch of an import compares with its export in the same read. */
const IMPORT_VIEW_COLS = `${IMPORT_KEY_COLS}, c."pendingImport", p."op" AS "peOp", p."dn" AS "peDn", p."newDn" AS "peNewDn", p."changes" AS "peChanges", p."status" AS "peStatus", p."error" AS "peError", p."exportRunId" AS "peRunId"`;

function toImportKey(r: ImportKeyRow): CsImportKey {
  return { id: r.id, anchor: r.anchor, dn: r.dn, objectType: r.objectType, attrsText: r.attrs, deleted: !!r.deleted, hasExport: r.pe !== null };
}

function toImportView(r: ImportViewRow, maId: string): CsImportView {
  const view: CsImportView = { ...toImportKey(r), pendingImport: r.pendingImport ? (JSON.parse(r.pendingImport) as PendingImport) : null };
  if (r.pe === null) return view;
  return { ...view, export: toPe({ id: r.pe, maId, csId: r.id, op: r.peOp, dn: r.peDn, newDn: r.peNewDn, changes: r.peChanges, status: r.peStatus, error: r.peError, exportRunId: r.peRunId }) };
}

function toMv(r: { id: string; objectType: string; attrs: string; lineage: string }): MvEntry {
  return { id: r.id, objectType: r.objectType, attrs: JSON.parse(r.attrs), lineage: JSON.parse(r.lineage) };
}

type PeRow = { id: string; maId: string; csId: string; op: string; dn: string; newDn: string | null; changes: string; status: string; error: string | null; exportRunId: string | null };

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
    sentInRunId: r.exportRunId,
  };
}

export function toMaDefinition(r: { id: string; name: string; type: string; config: string; rules: string; stagingMode: boolean | number; watermark: string | null }): MaDefinition {
  const config = JSON.parse(r.config) as Record<string, unknown>;
  const { safety, ...rules } = JSON.parse(r.rules) as MaRules & { safety?: MaSafety };
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    config: decryptConfigSecrets(config),
    rules,
    stagingMode: !!r.stagingMode,
    watermark: r.watermark,
    safety: safety ?? {},
  };
}

function mvValueRows(mvId: string, attrs: Record<string, string[]>, only?: Set<string>): unknown[][] {
  const rows: unknown[][] = [];
  for (const [attr, values] of Object.entries(attrs)) {
    if (only && !only.has(attr)) continue;
    for (const value of values) rows.push([mvId, attr, value, valueKey(value)]);
  }
  return rows;
}

export class SqlSyncStore implements SyncStore {
  private constructor(
    private readonly driver: () => Promise<SqlDriver>,
    private readonly inTx: boolean,
  ) {}

  /** A store on the database `db` (a client made by createDb) talks to. */
  static create(db: Db): SqlSyncStore {
    const target = targetOf(db);
    return new SqlSyncStore(() => sqlDriverFor(target), false);
  }

  private async d(): Promise<SqlDriver> {
    return this.driver();
  }

  async transaction<T>(fn: (tx: SyncStore) => Promise<T>): Promise<T> {
    const d = await this.d();
    if (this.inTx) return fn(this);
    return d.transaction((inner) => fn(new SqlSyncStore(async () => inner, true)));
  }

  // --- configuration

  async loadModel(): Promise<MetaverseModel> {
    const d = await this.d();
    const types = await d.all<{ name: string; description: string }>(`SELECT "name", "description" FROM "MvObjectType" ORDER BY "name"`);
    const attrs = await d.all<{ objectType: string; name: string; type: string; multiValued: boolean | number; indexed: boolean | number; precedence: string }>(
      `SELECT "objectType", "name", "type", "multiValued", "indexed", "precedence" FROM "MvAttribute" ORDER BY "objectType", "name"`,
    );
    return {
      objectTypes: types.map((t) => ({
        name: t.name,
        description: t.description,
        attributes: attrs
          .filter((a) => a.objectType === t.name)
          .map((a) => ({ name: a.name, type: a.type as AttributeType, multiValued: !!a.multiValued, indexed: !!a.indexed, precedence: a.precedence as PrecedenceMode })),
      })),
    };
  }

  async listMas(): Promise<MaDefinition[]> {
    const rows = await (await this.d()).all<Parameters<typeof toMaDefinition>[0]>(
      `SELECT "id", "name", "type", "config", "rules", "stagingMode", "watermark" FROM "ManagementAgent" ORDER BY "name"`,
    );
    return rows.map(toMaDefinition);
  }

  async getMa(idOrName: string): Promise<MaDefinition | null> {
    const [r] = await (await this.d()).all<Parameters<typeof toMaDefinition>[0]>(
      `SELECT "id", "name", "type", "config", "rules", "stagingMode", "watermark" FROM "ManagementAgent" WHERE "id" = ? OR "name" = ?`,
      [idOrName, idOrName],
    );
    return r ? toMaDefinition(r) : null;
  }

  async setWatermark(maId: string, watermark: string | null): Promise<void> {
    await (await this.d()).run(`UPDATE "ManagementAgent" SET "watermark" = ? WHERE "id" = ?`, [watermark, maId]);
  }

  // --- connector space

  async csByIds(ids: string[]): Promise<CsEntry[]> {
    if (ids.length === 0) return [];
    return (await selectIn<CsRow>(await this.d(), `SELECT ${CS_COLS} FROM "CsObject" WHERE "id" IN`, ids)).map(toCs);
  }

  async csByAnchors(maId: string, anchors: string[]): Promise<CsEntry[]> {
    if (anchors.length === 0) return [];
    return (await selectIn<CsRow>(await this.d(), `SELECT ${CS_COLS} FROM "CsObject" WHERE "maId" = ? AND "anchor" IN`, anchors, "", [maId])).map(toCs);
  }

  async csImportViews(maId: string, anchors: string[]): Promise<CsImportView[]> {
    if (anchors.length === 0) return [];
    const rows = await selectIn<ImportViewRow>(await this.d(), `SELECT ${IMPORT_VIEW_COLS} ${IMPORT_FROM} WHERE c."maId" = ? AND c."anchor" IN`, anchors, "", [maId]);
    return rows.map((r) => toImportView(r, maId));
  }

  async csImportViewPage(maId: string, o: { afterId?: string; limit: number }): Promise<CsImportKey[]> {
    const rows = await (await this.d()).all<ImportKeyRow>(
      `SELECT ${IMPORT_KEY_COLS} ${IMPORT_FROM} WHERE c."maId" = ? AND c."anchor" IS NOT NULL${o.afterId ? ` AND c."id" > ?` : ""} ORDER BY c."id" LIMIT ?`,
      o.afterId ? [maId, o.afterId, o.limit] : [maId, o.limit],
    );
    return rows.map(toImportKey);
  }

  async csByDns(maId: string, dns: string[]): Promise<CsEntry[]> {
    if (dns.length === 0) return [];
    const keys = dns.map((d) => d.toLowerCase());
    return (await selectIn<CsRow>(await this.d(), `SELECT ${CS_COLS} FROM "CsObject" WHERE "maId" = ? AND "dnKey" IN`, keys, "", [maId])).map(toCs);
  }

  async csByMvIds(mvIds: string[], maId?: string): Promise<CsEntry[]> {
    if (mvIds.length === 0) return [];
    const d = await this.d();
    const rows = maId
      ? await selectIn<CsRow>(d, `SELECT ${CS_COLS} FROM "CsObject" WHERE "maId" = ? AND "mvId" IN`, mvIds, "", [maId])
      : await selectIn<CsRow>(d, `SELECT ${CS_COLS} FROM "CsObject" WHERE "mvId" IN`, mvIds);
    return rows.map(toCs);
  }

  async csPage(maId: string, o: { afterId?: string; limit: number; pendingImportOp?: DeltaOp }): Promise<CsEntry[]> {
    const where = [`"maId" = ?`];
    const params: unknown[] = [maId];
    if (o.pendingImportOp) {
      where.push(`"pendingImportOp" = ?`);
      params.push(o.pendingImportOp);
    }
    if (o.afterId) {
      where.push(`"id" > ?`);
      params.push(o.afterId);
    }
    params.push(o.limit);
    const rows = await (await this.d()).all<CsRow>(`SELECT ${CS_COLS} FROM "CsObject" WHERE ${where.join(" AND ")} ORDER BY "id" LIMIT ?`, params);
    return rows.map(toCs);
  }

  async csKeysPage(maId: string, o: { afterId?: string; limit: number }): Promise<Pick<CsEntry, "id" | "anchor" | "dn" | "deleted">[]> {
    const rows = await (await this.d()).all<{ id: string; anchor: string | null; dn: string; deleted: boolean | number }>(
      `SELECT "id", "anchor", "dn", "deleted" FROM "CsObject" WHERE "maId" = ?${o.afterId ? ` AND "id" > ?` : ""} ORDER BY "id" LIMIT ?`,
      o.afterId ? [maId, o.afterId, o.limit] : [maId, o.limit],
    );
    return rows.map((r) => ({ id: r.id, anchor: r.anchor, dn: r.dn, deleted: !!r.deleted }));
  }

  async csCount(maId: string): Promise<number> {
    const [r] = await (await this.d()).all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "CsObject" WHERE "maId" = ?`, [maId]);
    return Number(r.n);
  }

  async csInsert(entries: CsInsert[]): Promise<CsEntry[]> {
    const d = await this.d();
    const now = nowSql(d.dialect);
    const out: CsEntry[] = entries.map((e) => ({ ...e, id: e.id ?? newId() }));
    for (const deleted of [false, true]) {
      const rows = out
        .filter((e) => e.deleted === deleted)
        .map((e) => [e.id, e.maId, e.anchor, e.dn, e.dn.toLowerCase(), e.objectType, JSON.stringify(e.attrs), e.state, e.mvId, e.linkType, e.pendingImport ? JSON.stringify(e.pendingImport) : null, e.pendingImport?.op ?? null]);
      await insertRows(d, "CsObject", ["id", "maId", "anchor", "dn", "dnKey", "objectType", "attrs", "state", "mvId", "linkType", "pendingImport", "pendingImportOp"], rows, {
        deleted: boolSql(d.dialect, deleted),
        createdAt: now,
        updatedAt: now,
      });
    }
    return out;
  }

  async csUpdate(updates: CsUpdate[]): Promise<void> {
    const d = await this.d();
    const now = nowSql(d.dialect);
    // Updates touching the same columns become one multi-row UPDATE.
    const groups = new Map<string, CsUpdate[]>();
    for (const u of updates) {
      const key = Object.keys(u).filter((k) => k !== "id" && (u as Record<string, unknown>)[k] !== undefined).sort().join(",");
      if (key) groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    for (const [key, group] of groups) {
      const fields = key.split(",");
      const cols: string[] = [];
      const extra = [`"updatedAt" = ${now}`];
      for (const f of fields) {
        if (f === "dn") cols.push("dn", "dnKey");
        else if (f === "pendingImport") cols.push("pendingImport", "pendingImportOp");
        else if (f === "mvId") {
          cols.push("mvId");
          extra.push(`"linkedAt" = CASE WHEN v."mvId" IS NULL THEN NULL ELSE ${now} END`);
        } else if (f !== "deleted") cols.push(f);
      }
      if (fields.includes("deleted")) {
        for (const value of [false, true]) {
          const ids = group.filter((u) => u.deleted === value).map((u) => u.id);
          for (const part of chunked(ids, 1000)) {
            await d.run(`UPDATE "CsObject" SET "deleted" = ${boolSql(d.dialect, value)}, "updatedAt" = ${now} WHERE "id" IN (${part.map(() => "?").join(", ")})`, part);
          }
        }
      }
      if (cols.length === 0) continue;
      const rows = group.map((u) => [
        u.id,
        ...cols.map((c) => {
          if (c === "dnKey") return u.dn!.toLowerCase();
          if (c === "attrs") return JSON.stringify(u.attrs);
          if (c === "pendingImport") return u.pendingImport ? JSON.stringify(u.pendingImport) : null;
          if (c === "pendingImportOp") return u.pendingImport?.op ?? null;
          return (u as Record<string, unknown>)[c] ?? null;
        }),
      ]);
      await updateRows(d, "CsObject", "id", cols, rows, extra);
    }
  }

  async csDelete(ids: string[]): Promise<void> {
    const d = await this.d();
    await deleteIn(d, "PendingExport", "csId", ids);
    await deleteIn(d, "CsObject", "id", ids);
  }

  // --- metaverse

  async mvByIds(ids: string[]): Promise<MvEntry[]> {
    if (ids.length === 0) return [];
    return (await selectIn<{ id: string; objectType: string; attrs: string; lineage: string }>(await this.d(), `SELECT "id", "objectType", "attrs", "lineage" FROM "MvObject" WHERE "id" IN`, ids)).map(toMv);
  }

  async mvFindByValues(objectType: string, attr: string, values: string[], ignoreCase: boolean): Promise<{ mvId: string; value: string }[]> {
    if (values.length === 0) return [];
    const rows = await selectIn<{ mvId: string; value: string }>(
      await this.d(),
      `SELECT v."mvId", v."value" FROM "MvValue" v JOIN "MvObject" m ON m."id" = v."mvId" WHERE m."objectType" = ? AND v."attr" = ? AND v."valueKey" IN`,
      values.map(valueKey),
      "",
      [objectType, attr],
    );
    if (ignoreCase) return rows;
    const exact = new Set(values);
    return rows.filter((r) => exact.has(r.value));
  }

  async mvInsert(entries: MvInsert[]): Promise<MvEntry[]> {
    const d = await this.d();
    const now = nowSql(d.dialect);
    const out = entries.map((e) => ({ id: e.id ?? newId(), objectType: e.objectType, attrs: e.attrs, lineage: e.lineage }));
    await insertRows(d, "MvObject", ["id", "objectType", "attrs", "lineage"], out.map((m) => [m.id, m.objectType, JSON.stringify(m.attrs), JSON.stringify(m.lineage)]), { createdAt: now, updatedAt: now });
    await insertRows(d, "MvValue", ["mvId", "attr", "value", "valueKey"], out.flatMap((m) => mvValueRows(m.id, m.attrs)));
    return out;
  }

  async mvUpdate(updates: MvUpdate[]): Promise<void> {
    const d = await this.d();
    await updateRows(d, "MvObject", "id", ["attrs", "lineage"], updates.map((u) => [u.id, JSON.stringify(u.attrs), JSON.stringify(u.lineage)]), [`"updatedAt" = ${nowSql(d.dialect)}`]);
    // Value rows: of an attribute whose previous values are known only the difference is written
    // (one member of a 50,000-member group is one row); the others are rewritten, grouped by attributes.
    const byAttrs = new Map<string, MvUpdate[]>();
    const values: unknown[][] = [];
    for (const u of updates) {
      const rewrite: string[] = [];
      for (const attr of u.changedAttrs) {
        const before = u.previous?.[attr];
        // small attributes are cheaper rewritten in one statement for the whole batch
        if (!before || before.length + (u.attrs[attr]?.length ?? 0) < DIFF_VALUES_FROM) {
          rewrite.push(attr);
          continue;
        }
        const after = new Set(u.attrs[attr] ?? []);
        const had = new Set(before);
        for (const part of chunked([...had].filter((v) => !after.has(v)), 500)) {
          await d.run(`DELETE FROM "MvValue" WHERE "mvId" = ? AND "attr" = ? AND "value" IN (${part.map(() => "?").join(", ")})`, [u.id, attr, ...part]);
        }
        for (const v of after) if (!had.has(v)) values.push([u.id, attr, v, valueKey(v)]);
      }
      if (rewrite.length === 0) continue;
      const key = [...rewrite].sort().join("\u0000");
      byAttrs.set(key, [...(byAttrs.get(key) ?? []), { ...u, changedAttrs: rewrite }]);
    }
    for (const group of byAttrs.values()) {
      const attrs = group[0].changedAttrs;
      for (const part of chunked(group.map((u) => u.id), 1000)) {
        await d.run(`DELETE FROM "MvValue" WHERE "mvId" IN (${part.map(() => "?").join(", ")}) AND "attr" IN (${attrs.map(() => "?").join(", ")})`, [...part, ...attrs]);
      }
      for (const u of group) values.push(...mvValueRows(u.id, u.attrs, new Set(attrs)));
    }
    await insertRows(d, "MvValue", ["mvId", "attr", "value", "valueKey"], values);
  }

  async mvDelete(ids: string[]): Promise<void> {
    const d = await this.d();
    await deleteIn(d, "MvValue", "mvId", ids);
    for (const part of chunked(ids, 1000)) {
      await d.run(`UPDATE "CsObject" SET "mvId" = NULL, "linkType" = NULL WHERE "mvId" IN (${part.map(() => "?").join(", ")})`, part);
    }
    await deleteIn(d, "MvObject", "id", ids);
  }

  async mvHistory(records: MvHistoryRecord[]): Promise<void> {
    const d = await this.d();
    await insertRows(
      d,
      "MvHistory",
      ["mvId", "attr", "oldValue", "newValue", "maId", "runId", "rule"],
      records.map((r) => [r.mvId, r.attr, JSON.stringify(r.oldValue), JSON.stringify(r.newValue), r.maId ?? null, r.runId ?? null, r.rule ?? null]),
      { at: nowSql(d.dialect) },
    );
  }

  // --- pending exports

  async peByCsIds(csIds: string[]): Promise<PendingExportRecord[]> {
    if (csIds.length === 0) return [];
    return (await selectIn<PeRow>(await this.d(), `SELECT ${PE_COLS} FROM "PendingExport" WHERE "csId" IN`, csIds)).map(toPe);
  }

  async peUpsert(records: Omit<PendingExportRecord, "id">[]): Promise<void> {
    // One pending export per csentry: replace by delete then insert, in the caller's transaction.
    const d = await this.d();
    const now = nowSql(d.dialect);
    const last = new Map(records.map((r) => [r.csId, r]));
    await deleteIn(d, "PendingExport", "csId", [...last.keys()]);
    await insertRows(
      d,
      "PendingExport",
      ["id", "maId", "csId", "op", "dn", "newDn", "changes", "status", "error", "exportRunId"],
      [...last.values()].map((r) => [newId(), r.maId, r.csId, r.op, r.dn, r.newDn ?? null, JSON.stringify(r.changes), r.status, r.error ?? null, r.sentInRunId ?? null]),
      { createdAt: now, updatedAt: now },
    );
  }

  async peDeleteByCsIds(csIds: string[]): Promise<void> {
    await deleteIn(await this.d(), "PendingExport", "csId", csIds);
  }

  async pePage(maId: string, o: { status: PendingExportRecord["status"]; afterId?: string; limit: number; notSentInRunId?: string }): Promise<PendingExportRecord[]> {
    const params: unknown[] = [maId, o.status];
    if (o.afterId) params.push(o.afterId);
    if (o.notSentInRunId) params.push(o.notSentInRunId);
    params.push(o.limit);
    const rows = await (await this.d()).all<PeRow>(
      `SELECT ${PE_COLS} FROM "PendingExport" WHERE "maId" = ? AND "status" = ?${o.afterId ? ` AND "id" > ?` : ""}${o.notSentInRunId ? ` AND ("exportRunId" IS NULL OR "exportRunId" <> ?)` : ""} ORDER BY "id" LIMIT ?`,
      params,
    );
    return rows.map(toPe);
  }

  async peCount(maId: string, o: { status?: PendingExportRecord["status"]; op?: string }): Promise<number> {
    const params: unknown[] = [maId];
    let sql = `SELECT COUNT(*) AS "n" FROM "PendingExport" WHERE "maId" = ?`;
    if (o.status) {
      sql += ` AND "status" = ?`;
      params.push(o.status);
    }
    if (o.op) {
      sql += ` AND "op" = ?`;
      params.push(o.op);
    }
    const [r] = await (await this.d()).all<{ n: number | string }>(sql, params);
    return Number(r.n);
  }

  async peSent(ids: string[], runId: string): Promise<void> {
    const d = await this.d();
    await updateRows(d, "PendingExport", "id", ["exportRunId"], ids.map((id) => [id, runId]), [`"status" = 'pending'`, `"updatedAt" = ${nowSql(d.dialect)}`]);
  }

  async peMarkExportedForRun(maId: string, runId: string): Promise<void> {
    const d = await this.d();
    const now = nowSql(d.dialect);
    // One statement, not one row per change: a million-object export keeps nothing in memory for it.
    await d.run(
      `UPDATE "PendingExport" SET "status" = 'exported', "error" = NULL, "exportedAt" = ${now}, "updatedAt" = ${now} WHERE "maId" = ? AND "exportRunId" = ? AND "status" = 'pending'`,
      [maId, runId],
    );
  }

  async peMark(updates: { id: string; status: PendingExportRecord["status"]; error?: string | null; runId?: string }[]): Promise<void> {
    const d = await this.d();
    const now = nowSql(d.dialect);
    const exported = updates.filter((u) => u.status === "exported");
    await updateRows(d, "PendingExport", "id", ["exportRunId"], exported.map((u) => [u.id, u.runId ?? null]), [`"status" = 'exported'`, `"error" = NULL`, `"exportedAt" = ${now}`, `"updatedAt" = ${now}`]);
    const other = updates.filter((u) => u.status !== "exported");
    await updateRows(d, "PendingExport", "id", ["status", "error"], other.map((u) => [u.id, u.status, u.error ?? null]), [`"updatedAt" = ${now}`]);
  }

  // --- run history

  async startStep(runId: string, seq: number, type: StepType) {
    const d = await this.d();
    const id = newId();
    await d.run(`INSERT INTO "RunStep" ("id", "runId", "seq", "type", "status", "stats", "progress", "startedAt") VALUES (?, ?, ?, ?, 'in-progress', '{}', '{}', ${nowSql(d.dialect)})`, [id, runId, seq, type]);
    return { id, runId, seq, type };
  }

  async finishStep(stepId: string, status: RunStatus, stats: StepStats, message?: string): Promise<void> {
    const d = await this.d();
    await d.run(`UPDATE "RunStep" SET "status" = ?, "stats" = ?, "message" = ?, "endedAt" = ${nowSql(d.dialect)} WHERE "id" = ?`, [status, JSON.stringify(stats), message ?? null, stepId]);
  }

  async stepProgress(stepId: string, p: { done: number; total?: number; stats: StepStats }): Promise<void> {
    await (await this.d()).run(`UPDATE "RunStep" SET "progress" = ?, "stats" = ? WHERE "id" = ?`, [JSON.stringify({ done: p.done, total: p.total }), JSON.stringify(p.stats), stepId]);
  }

  async stepObjects(stepId: string, refs: StepObjectRef[]): Promise<void> {
    await insertRows(await this.d(), "RunStepObject", ["stepId", "counter", "csId", "mvId", "anchor", "dn"], refs.map((r) => [stepId, r.counter, r.csId ?? null, r.mvId ?? null, r.anchor ?? null, r.dn ?? null]));
  }

  async stepErrors(stepId: string, errors: ObjectError[]): Promise<void> {
    const d = await this.d();
    await insertRows(
      d,
      "RunError",
      ["stepId", "code", "message", "location", "csId", "anchor", "dn", "detail"],
      errors.map((e) => [stepId, e.code, e.message, e.location ?? null, e.csId ?? null, e.anchor ?? null, e.dn ?? null, e.detail === undefined ? null : JSON.stringify(e.detail)]),
      { at: nowSql(d.dialect) },
    );
  }
}
