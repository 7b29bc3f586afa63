// Fixed-width records <-> attribute values. Reading: the record-type code picks the object type and
// its columns; a line shorter than its last column fails that record; each value has its pad
// characters stripped from the padded side (a column of only spaces is empty; a column of only pad
// characters, e.g. "0000", is one pad character, "0"), then spaces trimmed (trim: true).
// Writing: values padded with the column's pad character on the padded side, empty columns as spaces.

import type { AttrValues } from "../../engine/types.ts";
import type { ParsedItem } from "../file-common/file-records.ts";
import type { FixedWidthColumn, FixedWidthConfig } from "./fixed-width-config.ts";

interface TypeLayout {
  objectType: string;
  code?: string;
  columns: FixedWidthColumn[];
  /** characters a line needs to hold every column. */
  width: number;
}

/** The layouts of a config's record types. */
export class FixedWidthLayout {
  private readonly byCode = new Map<string, TypeLayout>();
  private readonly byType = new Map<string, TypeLayout>();
  private readonly multi: Set<string>;

  constructor(readonly config: FixedWidthConfig) {
    this.multi = new Set(config.multiValued);
    const rt = config.recordType;
    const entries: [string | undefined, string][] = rt ? Object.entries(rt.types) : [[undefined, config.objectType]];
    for (const [code, objectType] of entries) {
      const columns = config.columns.filter((c) => !c.objectTypes || c.objectTypes.includes(objectType)).sort((a, b) => a.start - b.start);
      const ends = columns.map((c) => c.start - 1 + c.length);
      if (rt) ends.push(rt.start - 1 + rt.length);
      const layout = { objectType, code, columns, width: Math.max(...ends) };
      if (code !== undefined) this.byCode.set(code, layout);
      if (!this.byType.has(objectType)) this.byType.set(objectType, layout);
    }
  }

  /** Object types of the file, each with its columns. */
  types(): { objectType: string; columns: FixedWidthColumn[] }[] {
    return [...this.byType.values()];
  }

  /** The columns of an object type (undefined: the type has no record code). */
  columnsOf(objectType: string): FixedWidthColumn[] | undefined {
    return (this.byType.get(objectType) ?? (this.config.recordType ? undefined : this.byType.get(this.config.objectType)))?.columns;
  }

  private value(raw: string, col: FixedWidthColumn): string {
    if (raw.trim() === "") return "";
    let i = 0;
    let j = raw.length;
    if (col.align === "left") while (j > 0 && raw[j - 1] === col.pad) j--;
    else while (i < j && raw[i] === col.pad) i++;
    let v = i >= j ? col.pad : raw.slice(i, j);
    if (this.config.trim) v = v.trim();
    return v;
  }

  /** Parses one line (not blank) into a record or a failure. */
  parse(text: string, line: number, raw?: string[]): ParsedItem {
    const rt = this.config.recordType;
    let layout = this.byType.get(this.config.objectType)!;
    if (rt) {
      const code = text.slice(rt.start - 1, rt.start - 1 + rt.length).trim();
      const found = this.byCode.get(code);
      if (!found) return { kind: "failure", code: "fixed-width-unknown-record-type", reason: `record type "${code}" (columns ${rt.start}-${rt.start + rt.length - 1}) is not one of ${[...this.byCode.keys()].join(", ")}`, line, raw };
      layout = found;
    }
    if (text.length < layout.width) {
      return { kind: "failure", code: "fixed-width-short-line", reason: `the line has ${text.length} characters but the ${layout.objectType} columns need ${layout.width}`, line, raw };
    }
    const attrs: AttrValues = {};
    const split = this.config.multiValueMode === "separator";
    for (const col of layout.columns) {
      const v = this.value(text.slice(col.start - 1, col.start - 1 + col.length), col);
      if (v === "") continue;
      if (split && this.multi.has(col.name)) {
        const values = v.split(this.config.multiValueSeparator).filter((x) => x !== "");
        if (values.length) attrs[col.name] = values;
      } else attrs[col.name] = [v];
    }
    return { kind: "record", line, objectType: layout.objectType, attrs, raw };
  }

  /** Why `values` cannot be written to column `name` of `objectType` records (null: they can). */
  refuse(objectType: string, name: string, values: string[]): string | null {
    const columns = this.columnsOf(objectType);
    if (!columns) return `object type "${objectType}" has no record type code`;
    const col = columns.find((c) => c.name === name);
    if (!col) return `${objectType} records have no column "${name}"`;
    const multi = this.multi.has(name);
    if (!multi && values.length > 1) return `column "${name}" is single-valued but got ${values.length} values`;
    const sep = this.config.multiValueSeparator;
    if (multi && this.config.multiValueMode === "separator" && values.some((v) => v.includes(sep))) return `a value of column "${name}" contains the separator "${sep}"`;
    if (values.some((v) => /[\r\n]/.test(v))) return `a value of column "${name}" holds a line break`;
    const cells = multi && this.config.multiValueMode === "separator" ? [values.join(sep)] : values;
    for (const cell of cells) if (cell.length > col.length) return `"${cell}" is ${cell.length} characters, longer than column "${name}" (${col.length})`;
    return null;
  }

  /** Writes one record line (values checked by refuse()); unknown types fall back to the default layout. */
  format(objectType: string, attrs: AttrValues): string {
    const layout = this.byType.get(objectType) ?? this.byType.values().next().value!;
    const chars: string[] = new Array<string>(layout.width).fill(" ");
    const put = (start: number, text: string) => {
      for (let i = 0; i < text.length; i++) chars[start - 1 + i] = text[i]!;
    };
    const rt = this.config.recordType;
    if (rt && layout.code !== undefined) put(rt.start, layout.code.padEnd(rt.length, " "));
    for (const col of layout.columns) {
      const v = (attrs[col.name] ?? []).join(this.config.multiValueSeparator);
      if (v === "") continue;
      const fill = col.pad.repeat(Math.max(0, col.length - v.length));
      put(col.start, col.align === "left" ? v + fill : fill + v);
    }
    return chars.join("");
  }
}
