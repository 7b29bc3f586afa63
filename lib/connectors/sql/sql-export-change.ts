// The SQL of one export change: INSERT of an add (and its multi-valued rows), UPDATE of the changed
// columns only (and the changed multi-valued rows), DELETE. Columns of the main table are
// single-valued; any other attribute lives in the multi-valued table. A change this table cannot
// take is refused with a Refusal (that object fails, the others go on).

import type { AttrChange, AttrValues, ExportChange, ExportResult } from "../../engine/types.ts";
import { parseRecordDn } from "../shared/dn-template.ts";
import type { SqlSession } from "./sql-dialect.ts";
import { placeholders, type LayoutColumn, type SqlLayout } from "./sql-layout.ts";
import { decodeAnchor, encodeAnchor } from "./sql-rows.ts";
import { toParam } from "./sql-values.ts";

/** A per-object refusal: becomes `{ ok: false, code, message }` for that change only. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const present = (values: readonly string[] | undefined) => (values ?? []).filter((v) => v !== "");

/** Writes single changes through one session (inside the caller's transaction and savepoint). */
export class ChangeWriter {
  private readonly canReturn: boolean;

  constructor(
    private readonly session: SqlSession,
    private readonly layout: SqlLayout,
  ) {
    this.canReturn = layout.dialect.supportsReturning || layout.config.dialect === "mariadb";
  }

  private get table(): string {
    return this.layout.main.name;
  }

  private param(column: LayoutColumn, value: string | null | undefined): unknown {
    return toParam(this.layout.dialect.kind, column.type, value);
  }

  /** The column of `name`, or null when it is a multi-valued attribute; refuses unknown names. */
  private columnOf(name: string): LayoutColumn | null {
    const c = this.layout.main.columns.get(name);
    if (c) return c;
    if (this.layout.mv) return null;
    throw new Refusal("sql-export-unknown-attribute", `"${name}" is not a column of ${this.table} (and no multi-valued table is configured)`);
  }

  private single(name: string, values: readonly string[] | undefined): string | null {
    const v = present(values);
    if (v.length > 1) throw new Refusal("sql-export-bad-value", `column "${name}" of ${this.table} is single-valued but got ${v.length} values`);
    return v[0] ?? null;
  }

  /** `a = ? AND b = ?` over the anchor columns of `columns`, with parameters after `offset`. */
  private anchorWhere(columns: readonly LayoutColumn[], values: readonly string[], offset: number): { sql: string; params: unknown[] } {
    const ps = placeholders(this.layout.dialect, columns.length, offset);
    return { sql: columns.map((c, i) => `${c.quoted} = ${ps[i]}`).join(" AND "), params: columns.map((c, i) => this.param(c, values[i])) };
  }

  /** The anchor column values of an update/delete: from the anchor, else from the DN. */
  private anchorValues(change: ExportChange): string[] {
    const n = this.layout.anchor.length;
    if (change.anchor) {
      const values = decodeAnchor(change.anchor, n);
      if (!values) throw new Refusal("sql-export-bad-anchor", `anchor ${change.anchor} is not a JSON array of ${n} values`);
      return values;
    }
    if (!this.layout.config.dnTemplate) return decodeAnchor(change.dn, n) ?? [];
    const parsed = parseRecordDn(this.layout.config.dnTemplate, change.dn) ?? {};
    const values = this.layout.anchor.map((c) => parsed[c.name]);
    if (values.some((v) => v === undefined)) throw new Refusal("sql-export-no-anchor", `no anchor, and DN "${change.dn}" does not give the anchor column(s)`);
    return values as string[];
  }

  /** Applies one change; throws Refusal or the driver's error. */
  async apply(change: ExportChange): Promise<ExportResult> {
    if (change.op === "add") return this.add(change);
    const anchorValues = this.anchorValues(change);
    const anchor = encodeAnchor(anchorValues);
    if (change.op === "delete") {
      await this.deleteRow(anchorValues);
      return { id: change.id, ok: true, anchor };
    }
    await this.update(change, anchorValues);
    return { id: change.id, ok: true, anchor };
  }

  private async add(change: ExportChange): Promise<ExportResult> {
    const { layout } = this;
    const attrs: AttrValues = { ...(change.attrs ?? {}) };
    if (!change.attrs) for (const [n, c] of Object.entries(change.changes)) attrs[n] = present(c.replace ?? c.add);
    const fromAnchor = change.anchor ? decodeAnchor(change.anchor, layout.anchor.length) : null;
    const fromDn = parseRecordDn(layout.config.dnTemplate, change.dn) ?? {};
    layout.anchor.forEach((c, i) => {
      if (present(attrs[c.name]).length) return;
      const v = fromAnchor?.[i] ?? fromDn[c.name];
      if (v !== undefined) attrs[c.name] = [v];
    });
    for (const [name, value] of Object.entries(fromDn)) if (!present(attrs[name]).length && layout.main.columns.has(name)) attrs[name] = [value];
    const typeCol = layout.objectTypeColumn;
    if (typeCol && !present(attrs[typeCol.name]).length) attrs[typeCol.name] = [change.objectType];

    const cols: LayoutColumn[] = [];
    const params: unknown[] = [];
    const multi: [string, string[]][] = [];
    for (const [name, values] of Object.entries(attrs)) {
      const col = this.columnOf(name);
      if (!col) {
        if (present(values).length) multi.push([name, present(values)]);
        continue;
      }
      const v = this.single(name, values);
      if (v === null) continue;
      cols.push(col);
      params.push(this.param(col, v));
    }
    const known = layout.anchor.map((c) => this.single(c.name, attrs[c.name]));
    const complete = known.every((v) => v !== null);
    if (!complete && !this.canReturn) {
      throw new Refusal("sql-export-no-anchor", `an add needs the anchor column(s) ${layout.config.anchor.join(", ")}`);
    }
    const returning = complete ? "" : ` RETURNING ${layout.anchor.map((c) => c.quoted).join(", ")}`;
    const sql = cols.length
      ? `INSERT INTO ${layout.main.ref} (${cols.map((c) => c.quoted).join(", ")}) VALUES (${placeholders(layout.dialect, cols.length).join(", ")})${returning}`
      : `INSERT INTO ${layout.main.ref} DEFAULT VALUES${returning}`;
    const { rows } = await this.session.run(sql, params);
    const values = complete ? (known as string[]) : layout.anchor.map((c) => c.read(rows[0]?.[c.name]));
    if (values.some((v) => v === undefined)) throw new Refusal("sql-export-no-anchor", `the new row of ${this.table} has no anchor (${layout.config.anchor.join(", ")})`);
    for (const [name, vs] of multi) await this.insertValues(values as string[], name, vs);
    return { id: change.id, ok: true, anchor: encodeAnchor(values as string[]) };
  }

  private async update(change: ExportChange, anchorValues: string[]): Promise<void> {
    const { layout } = this;
    const changes: Record<string, AttrChange> = { ...change.changes };
    if (change.op === "rename") {
      if (!change.newDn) throw new Refusal("sql-export-bad-dn", "a rename needs newDn");
      if (!layout.config.dnTemplate) {
        if (change.newDn !== encodeAnchor(anchorValues)) throw new Refusal("sql-export-rename-unsupported", "without a DN template the DN is the anchor, which cannot change");
      } else {
        const parsed = parseRecordDn(layout.config.dnTemplate, change.newDn);
        if (!parsed) throw new Refusal("sql-export-bad-dn", `new DN "${change.newDn}" does not fit the template ${layout.config.dnTemplate}`);
        for (const [col, value] of Object.entries(parsed)) changes[col] ??= { replace: [value] };
      }
    }
    layout.anchor.forEach((c, i) => {
      const ch = changes[c.name];
      if (!ch) return;
      const after = ch.replace ? present(ch.replace) : [...present(ch.add)];
      if (ch.replace || ch.add?.length || ch.remove?.length) {
        const same = ch.replace ? after.length === 1 && after[0] === anchorValues[i] : !ch.remove?.includes(anchorValues[i]!) && (!ch.add?.length || (ch.add.length === 1 && ch.add[0] === anchorValues[i]));
        if (!same) throw new Refusal("sql-export-anchor-immutable", `the anchor column "${c.name}" cannot change`);
      }
      delete changes[c.name];
    });
    const sets: string[] = [];
    const params: unknown[] = [];
    const multi: [string, AttrChange][] = [];
    const d = layout.dialect;
    for (const [name, ch] of Object.entries(changes)) {
      const col = this.columnOf(name);
      if (!col) {
        multi.push([name, ch]);
        continue;
      }
      if (ch.replace || ch.add?.length) {
        sets.push(`${col.quoted} = ${d.param(params.length + 1)}`);
        params.push(this.param(col, this.single(name, ch.replace ?? ch.add)));
      } else if (ch.remove?.length) {
        // Clear the column only when it still holds a removed value.
        const ps = ch.remove.map((v) => {
          params.push(this.param(col, v));
          return d.param(params.length);
        });
        sets.push(`${col.quoted} = CASE WHEN ${col.quoted} IN (${ps.join(", ")}) THEN NULL ELSE ${col.quoted} END`);
      }
    }
    const where = this.anchorWhere(layout.anchor, anchorValues, params.length);
    const found = sets.length
      ? (await this.session.run(`UPDATE ${layout.main.ref} SET ${sets.join(", ")} WHERE ${where.sql}`, [...params, ...where.params])).affected
      : (await this.session.run(`SELECT 1 AS x FROM ${layout.main.ref} WHERE ${where.sql}`, where.params)).rows.length;
    if (!found) throw new Refusal("sql-export-not-found", `no row of ${this.table} has anchor ${encodeAnchor(anchorValues)}`);
    for (const [name, ch] of multi) {
      if (ch.replace) {
        await this.deleteValues(anchorValues, name, null);
        await this.insertValues(anchorValues, name, present(ch.replace));
        continue;
      }
      const removed = [...present(ch.remove), ...present(ch.add)];
      if (removed.length) await this.deleteValues(anchorValues, name, removed);
      if (present(ch.add).length) await this.insertValues(anchorValues, name, [...new Set(present(ch.add))]);
    }
  }

  private async deleteRow(anchorValues: string[]): Promise<void> {
    const { layout } = this;
    if (layout.mv) {
      const w = this.anchorWhere(layout.mv.anchor, anchorValues, 0);
      await this.session.run(`DELETE FROM ${layout.mv.ref} WHERE ${w.sql}`, w.params);
    }
    const w = this.anchorWhere(layout.anchor, anchorValues, 0);
    // Deleting a row that is already gone reaches the wanted state.
    await this.session.run(`DELETE FROM ${layout.main.ref} WHERE ${w.sql}`, w.params);
  }

  /** Deletes the rows of attribute `name` (all of them, or those holding `values`). */
  private async deleteValues(anchorValues: string[], name: string, values: string[] | null): Promise<void> {
    const mv = this.layout.mv!;
    const d = this.layout.dialect;
    const w = this.anchorWhere(mv.anchor, anchorValues, 0);
    const params = [...w.params, this.param(mv.nameColumn, name)];
    let sql = `DELETE FROM ${mv.ref} WHERE ${w.sql} AND ${mv.nameColumn.quoted} = ${d.param(params.length)}`;
    if (values) {
      const ps = placeholders(d, values.length, params.length);
      params.push(...values.map((v) => this.param(mv.valueColumn, v)));
      sql += ` AND ${mv.valueColumn.quoted} IN (${ps.join(", ")})`;
    }
    await this.session.run(sql, params);
  }

  /** Inserts one multi-valued row per value, in one statement. */
  private async insertValues(anchorValues: string[], name: string, values: string[]): Promise<void> {
    if (!values.length) return;
    const mv = this.layout.mv!;
    const cols = [...mv.anchor, mv.nameColumn, mv.valueColumn];
    const params: unknown[] = [];
    const tuples = values.map((v) => {
      const ps = placeholders(this.layout.dialect, cols.length, params.length);
      params.push(...mv.anchor.map((c, i) => this.param(c, anchorValues[i])), this.param(mv.nameColumn, name), this.param(mv.valueColumn, v));
      return `(${ps.join(", ")})`;
    });
    await this.session.run(`INSERT INTO ${mv.ref} (${cols.map((c) => c.quoted).join(", ")}) VALUES ${tuples.join(", ")}`, params);
  }
}
