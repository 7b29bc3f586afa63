// Delta import in one of two modes (docs/connectors/sql.md):
// - table: a delta table or view of (anchor..., change type, sequence). Rows after the watermark are
//   read in sequence order; for adds and updates the current row of the main table is imported
//   whole (complete: true), a delete (or a change whose row is gone) reports a delete. Watermark: the
//   last sequence value read (a strictly increasing sequence is best: a timestamp shared by changes
//   on both sides of a run boundary would be missed).
// - column: an updated_at / rowversion column of the main table. Rows with a value >= the watermark
//   are imported whole (the rows at the boundary value are re-read, harmlessly). Deletes cannot be
//   seen in this mode: a full import finds them (the engine stages a delete for every unseen object).
// The watermark is JSON: {"mode":"table"|"column","value":"<the column's text>"}.

import type { DeltaImport } from "../../engine/connector.ts";
import type { DeltaImportItem, DeltaOp } from "../../engine/types.ts";
import type { Row, SqlSession } from "./sql-dialect.ts";
import { placeholders, selectList, type LayoutColumn, type SqlLayout } from "./sql-layout.ts";
import { anchorIn, encodeAnchor, fetchMultiValues, rowAnchor, RowMapper } from "./sql-rows.ts";
import { notNull, scanRows, type Condition } from "./sql-scan.ts";
import { toParam } from "./sql-values.ts";

interface Watermark {
  mode: "table" | "column";
  value: string;
}

function parseWatermark(text: string | null, mode: Watermark["mode"]): string | null {
  if (!text) return null;
  try {
    const w = JSON.parse(text) as Partial<Watermark>;
    return w.mode === mode && typeof w.value === "string" ? w.value : null;
  } catch {
    return null;
  }
}

/** The raw value of a watermark column as text (no normalisation: it goes back as a parameter). */
function rawText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString("hex");
  return String(v);
}

/** The watermark text as a parameter compared with `column`. */
function watermarkParam(layout: SqlLayout, column: LayoutColumn, value: string): unknown {
  if (layout.dialect.kind === "sqlite" && column.type === "integer" && /^-?\d+$/.test(value)) return BigInt(value);
  return value;
}

const OPS: Record<string, DeltaOp> = {
  add: "add", insert: "add", i: "add", a: "add", create: "add", c: "add",
  update: "update", modify: "update", u: "update", m: "update", change: "update",
  delete: "delete", remove: "delete", d: "delete", r: "delete",
};

/** The watermark of "now": the highest sequence / change column value. */
export async function sqlCurrentWatermark(session: SqlSession, layout: SqlLayout): Promise<string | null> {
  const delta = layout.delta;
  if (!delta) return null;
  const [column, ref] = delta.mode === "table" ? [delta.sequence, delta.ref] : [delta.column, layout.main.ref];
  const { rows } = await session.run(`SELECT MAX(${column.quoted}) AS v FROM ${ref}`);
  const value = rawText(rows[0]?.v);
  return value === null ? null : JSON.stringify({ mode: delta.mode, value } satisfies Watermark);
}

/** Changes since `watermark`, in batches, and the watermark to store afterwards. */
export function sqlDeltaImport(session: SqlSession, layout: SqlLayout, watermark: string | null, batchSize: number): DeltaImport {
  const delta = layout.delta!;
  const start = parseWatermark(watermark, delta.mode);
  let last: string | null = start;
  const changes = delta.mode === "table" ? tableChanges(session, layout, start, batchSize, (v) => (last = v)) : columnChanges(session, layout, start, batchSize, (v) => (last = v));
  return {
    changes,
    watermark: () => (last === null ? watermark : JSON.stringify({ mode: delta.mode, value: last } satisfies Watermark)),
  };
}

async function* columnChanges(session: SqlSession, layout: SqlLayout, start: string | null, batchSize: number, seen: (v: string) => void): AsyncGenerator<DeltaImportItem[]> {
  const delta = layout.delta as Extract<typeof layout.delta, { mode: "column" }>;
  const col = delta.column;
  const conds = [notNull([col, ...layout.anchor])];
  const params: unknown[] = [];
  if (start !== null) {
    params.push(watermarkParam(layout, col, start));
    conds.push(`${col.quoted} >= ${layout.dialect.param(1)}`);
  }
  const where: Condition = { sql: conds.join(" AND "), params };
  const mapper = new RowMapper(layout);
  for await (const rows of scanRows(session, layout, { ref: layout.main.ref, select: selectList(layout.main), where, order: [col, ...layout.anchor], batchSize })) {
    const multi = layout.mv ? await fetchMultiValues(session, layout, rows) : undefined;
    const items: DeltaImportItem[] = rows.map((r) => {
      const item = mapper.toItem(r, multi?.get(rowAnchor(layout.anchor, r) ?? ""));
      if (item.kind === "error") return item;
      const o = item.object;
      return { kind: "change", op: "update", anchor: o.anchor, dn: o.dn, objectType: o.objectType, attrs: o.attrs, complete: true, source: o.source };
    });
    const v = rawText(rows[rows.length - 1]![col.name]);
    if (v !== null) seen(v);
    yield items;
  }
}

/** The main table's current rows for `anchors` (strings of the main anchor columns). */
async function currentRows(session: SqlSession, layout: SqlLayout, anchors: string[][]): Promise<Row[]> {
  if (!anchors.length) return [];
  const keys = anchors.map((vs) => layout.anchor.map((c, i) => toParam(layout.dialect.kind, c.type, vs[i])));
  const where = anchorIn(layout, layout.anchor, keys);
  const { rows } = await session.run(`SELECT ${selectList(layout.main)} FROM ${layout.main.ref} WHERE ${where.sql}`, where.params);
  return rows;
}

async function* tableChanges(session: SqlSession, layout: SqlLayout, start: string | null, batchSize: number, seen: (v: string) => void): AsyncGenerator<DeltaImportItem[]> {
  const delta = layout.delta as Extract<typeof layout.delta, { mode: "table" }>;
  const conds = [notNull([delta.sequence, ...delta.anchor])];
  const params: unknown[] = [];
  if (start !== null) {
    params.push(watermarkParam(layout, delta.sequence, start));
    conds.push(`${delta.sequence.quoted} > ${placeholders(layout.dialect, 1)[0]}`);
  }
  const select = [...delta.anchor, delta.changeType, delta.sequence].map((c) => c.quoted).join(", ");
  const mapper = new RowMapper(layout);
  const scan = scanRows(session, layout, { ref: delta.ref, select, where: { sql: conds.join(" AND "), params }, order: [delta.sequence, ...delta.anchor], batchSize });
  for await (const rows of scan) {
    // The last change of each anchor in the batch wins (the main table holds its current state anyway).
    const latest = new Map<string, { values: string[]; op: DeltaOp | null; type: string }>();
    for (const r of rows) {
      const values = delta.anchor.map((c) => c.read(r[c.name]) ?? "");
      const key = JSON.stringify(values);
      const type = String(delta.changeType.read(r[delta.changeType.name]) ?? "");
      latest.delete(key);
      latest.set(key, { values, type, op: OPS[type.trim().toLowerCase()] ?? null });
    }
    const wanted = [...latest.values()].filter((c) => c.op === "add" || c.op === "update");
    const found = await currentRows(session, layout, wanted.map((c) => c.values));
    const multi = layout.mv ? await fetchMultiValues(session, layout, found) : undefined;
    const byAnchor = new Map(found.map((r) => [rowAnchor(layout.anchor, r) ?? "", r]));
    const items: DeltaImportItem[] = [];
    for (const c of latest.values()) {
      const anchor = encodeAnchor(c.values);
      if (!c.op) {
        items.push({ kind: "error", code: "sql-bad-change-type", message: `${delta.name}: anchor ${anchor}: unknown change type "${c.type}" (add, update or delete)`, anchor, source: { file: delta.name } });
        continue;
      }
      const row = c.op === "delete" ? undefined : byAnchor.get(anchor);
      if (!row) {
        items.push({ kind: "change", op: "delete", anchor, source: { file: delta.name } });
        continue;
      }
      const item = mapper.toItem(row, multi?.get(anchor));
      if (item.kind === "error") items.push(item);
      else items.push({ kind: "change", op: c.op, anchor, dn: item.object.dn, objectType: item.object.objectType, attrs: item.object.attrs, complete: true, source: item.object.source });
    }
    const v = rawText(rows[rows.length - 1]![delta.sequence.name]);
    if (v !== null) seen(v);
    yield items;
  }
}
