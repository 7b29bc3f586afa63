// A streaming parser for delimited text with a configurable delimiter, text qualifier and escape
// rule. Text goes in by chunks; complete rows come out with the physical line they start on.
// A qualified field may span lines. A qualifier that never closes (by the end of the file, or
// within MAX_RECORD_CHARS, or closed lines later by a qualifier followed by text) fails only the
// line it opened on: parsing resumes on the next line, so the rows after it still import. Text after
// a closing qualifier on the same line fails its row.

/** The syntax of one delimited file. */
export interface DelimitedSyntax {
  /** one character. */
  delimiter: string;
  /** one character, or "" for none. */
  qualifier: string;
  /** doubled: `""` stands for `"` inside a qualified field; backslash: `\x` stands for `x` anywhere. */
  escape: "doubled" | "backslash";
}

/** A parsed row, or a row that could not be parsed (code and reason). */
export type DelimitedRow =
  | { kind: "row"; fields: string[]; line: number; raw?: string; badEncoding?: boolean }
  | { kind: "bad"; code: string; reason: string; line: number; raw?: string };

/** The longest row (in characters) before an open qualifier counts as never closed. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const INCOMPLETE = 0;
const UNCLOSED = 1;

interface Parsed {
  fields: string[];
  contentEnd: number;
  end: number;
  bad?: string;
}

/** Parses delimited text chunk by chunk; push() and end() append finished rows to `out`. */
export class DelimitedParser {
  private buf = "";
  private line = 1;
  private readonly d: number;
  private readonly q: number;
  private readonly e: number;
  /** where an unquoted scan stopped, and its value (set by scanUnquoted). */
  private value = "";

  constructor(
    syntax: DelimitedSyntax,
    private readonly keepRaw = false,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    this.d = syntax.delimiter.charCodeAt(0);
    this.q = syntax.qualifier ? syntax.qualifier.charCodeAt(0) : -1;
    this.e = syntax.escape === "backslash" ? 92 : -1;
  }

  /** Parses a chunk of text; rows that are complete go to `out`. */
  push(text: string, out: DelimitedRow[]): void {
    this.buf = this.buf ? this.buf + text : text;
    this.drain(false, out);
  }

  /** The end of the input: the last row (without a line break) goes to `out`. */
  end(out: DelimitedRow[]): void {
    this.drain(true, out);
    this.buf = "";
  }

  private drain(eof: boolean, out: DelimitedRow[]): void {
    const buf = this.buf;
    let pos = 0;
    let nextBad = buf.indexOf("\ufffd");
    while (pos < buf.length) {
      const r = this.parseRow(buf, pos, eof);
      if (r === INCOMPLETE && buf.length - pos <= this.maxRecordChars) break;
      // Text after a closing qualifier that spans lines: most likely a qualifier opened and not
      // closed on the first line, which swallowed the lines after it. Fail that line only.
      const runaway = r !== INCOMPLETE && r !== UNCLOSED && r.bad !== undefined && buf.lastIndexOf("\n", r.contentEnd - 1) >= pos;
      if (r === INCOMPLETE || r === UNCLOSED || runaway) {
        const nl = buf.indexOf("\n", pos);
        const stop = nl === -1 ? buf.length : nl + 1;
        out.push({
          kind: "bad",
          code: "unclosed-qualifier",
          reason: `a field opened with the qualifier ${String.fromCharCode(this.q)} is never closed; the row is skipped and reading goes on with the next line`,
          line: this.line,
          raw: this.keepRaw ? buf.slice(pos, nl > pos && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl === -1 ? buf.length : nl) : undefined,
        });
        if (nl !== -1) this.line += 1;
        pos = stop;
        continue;
      }
      const raw = this.keepRaw ? buf.slice(pos, r.contentEnd) : undefined;
      if (r.bad) out.push({ kind: "bad", code: "bad-qualifier", reason: r.bad, line: this.line, raw });
      else {
        const row: DelimitedRow = { kind: "row", fields: r.fields, line: this.line, raw };
        if (nextBad !== -1 && nextBad < r.end) {
          row.badEncoding = nextBad >= pos;
          nextBad = buf.indexOf("\ufffd", r.end);
        }
        out.push(row);
      }
      for (let nl = buf.indexOf("\n", pos); nl !== -1 && nl < r.end; nl = buf.indexOf("\n", nl + 1)) this.line += 1;
      pos = r.end;
    }
    this.buf = pos >= buf.length ? "" : buf.slice(pos);
  }

  /** Scans an unquoted field from `p`: returns where it stops (-1: needs more text), value in this.value. */
  private scanUnquoted(buf: string, p: number, eof: boolean): number {
    const { d, e } = this;
    const len = buf.length;
    let seg = p;
    let value = "";
    for (;;) {
      if (p >= len) {
        if (!eof) return -1;
        break;
      }
      const c = buf.charCodeAt(p);
      if (c === d || c === 10) break;
      if (c === 13) {
        if (p + 1 >= len && !eof) return -1;
        if (buf.charCodeAt(p + 1) === 10) break;
      } else if (c === e) {
        if (p + 1 >= len) {
          if (!eof) return -1;
          p += 1;
          break;
        }
        value += buf.slice(seg, p) + buf[p + 1];
        p += 2;
        seg = p;
        continue;
      }
      p += 1;
    }
    this.value = seg === p ? value : value + buf.slice(seg, p);
    return p;
  }

  private parseRow(buf: string, start: number, eof: boolean): Parsed | typeof INCOMPLETE | typeof UNCLOSED {
    const { d, q, e } = this;
    const len = buf.length;
    const fields: string[] = [];
    let bad: string | undefined;
    let p = start;
    for (;;) {
      let value: string;
      if (p < len && buf.charCodeAt(p) === q) {
        p += 1;
        let seg = p;
        value = "";
        for (;;) {
          if (p >= len) return eof ? UNCLOSED : INCOMPLETE;
          const c = buf.charCodeAt(p);
          if (c === e) {
            if (p + 1 >= len) return eof ? UNCLOSED : INCOMPLETE;
            value += buf.slice(seg, p) + buf[p + 1];
            p += 2;
            seg = p;
          } else if (c === q) {
            if (e < 0 && p + 1 >= len && !eof) return INCOMPLETE;
            if (e < 0 && buf.charCodeAt(p + 1) === q) {
              value += buf.slice(seg, p + 1);
              p += 2;
              seg = p;
            } else {
              value += buf.slice(seg, p);
              p += 1;
              break;
            }
          } else p += 1;
        }
        if (p < len) {
          const c = buf.charCodeAt(p);
          const crlf = c === 13 && (p + 1 < len ? buf.charCodeAt(p + 1) === 10 : eof ? false : null);
          if (crlf === null) return INCOMPLETE;
          if (c !== d && c !== 10 && !crlf) {
            bad ??= `unexpected text after the closing qualifier of field ${fields.length + 1}`;
            p = this.scanUnquoted(buf, p, eof);
            if (p < 0) return INCOMPLETE;
            value += this.value;
          }
        }
      } else {
        p = this.scanUnquoted(buf, p, eof);
        if (p < 0) return INCOMPLETE;
        value = this.value;
      }
      fields.push(value);
      if (p >= len) {
        if (!eof) return INCOMPLETE;
        return { fields, contentEnd: p, end: p, bad };
      }
      const c = buf.charCodeAt(p);
      if (c === d) {
        p += 1;
        continue;
      }
      if (c === 10) return { fields, contentEnd: p, end: p + 1, bad };
      // c is \r followed by \n (scanUnquoted and the check above stop nowhere else).
      return { fields, contentEnd: p, end: p + 2, bad };
    }
  }
}
