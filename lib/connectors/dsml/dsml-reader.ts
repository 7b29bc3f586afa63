// Streams a DSML v2 document with saxes (a SAX-style parser: one read chunk in memory, never the
// whole document). searchResultEntry and addRequest elements are entries; modifyRequest, delRequest
// and modDNRequest are change records. Elements are found by local name at any depth, so a bare
// searchResponse, a batchResponse or a SOAP envelope around them all read. Values typed
// xsi:type="xsd:base64Binary" are decoded (binary attributes stay base64 text, others must be UTF-8).
//
// A bad element (no dn, a bad base64 value, an XML error inside it) is reported with its line and
// element number and the rest still reads. An XML error outside entries is reported too; a document
// that ends before its root closes (a truncated file), an errorResponse or a failed searchResultDone
// (e.g. a size limit) throws ConnectivityError: entries may be missing, and an import missing entries
// would stage deletes for them.

import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { ConnectivityError } from "../../engine/connector.ts";
import type { ImportRecordError } from "../../engine/types.ts";
import { openInputFile } from "../ldif/entry-files.ts";
import { addValues, recordError, stripBinaryOption, type ChangeRecord, type DirEntry, type EntryMapping, type Modification } from "../ldif/entry-mapping.ts";

/** One element read: an entry, a change record, or an error; `index` counts entry/request elements from 1. */
export type DsmlItem =
  | { kind: "entry"; entry: DirEntry; line: number; index: number }
  | { kind: "change"; change: ChangeRecord; line: number; index: number }
  | ImportRecordError;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const RECORDS = new Set(["searchResultEntry", "addRequest", "modifyRequest", "delRequest", "modDNRequest"]);
const OPERATIONS = new Set(["add", "delete", "replace"]);

const local = (name: string) => name.slice(name.indexOf(":") + 1);

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [k, v] of Object.entries(tag.attributes)) if (local(k) === name) return v;
  return undefined;
}

interface Open {
  tag: string;
  line: number;
  index: number;
  dn: string | undefined;
  attrs: DirEntry["attrs"];
  mods: Modification[];
  moddn?: { newRdn?: string; deleteOldRdn?: string; newSuperior?: string };
  problem?: string;
}

/** Turns parser events into items; the caller drains `out` after each chunk. */
class DsmlHandler {
  readonly out: DsmlItem[] = [];
  private record: Open | null = null;
  private attr: { name: string; op?: string } | null = null;
  private value: { base64: boolean; text: string; line: number } | null = null;
  private count = 0;

  constructor(
    private readonly parser: SaxesParser,
    private readonly path: string,
    private readonly mapping: EntryMapping,
  ) {
    parser.on("opentag", (tag) => this.open(tag));
    parser.on("closetag", (tag) => this.close(tag));
    parser.on("text", (text) => this.text(text));
    parser.on("cdata", (text) => this.text(text));
    parser.on("error", (e) => this.xmlError(e));
  }

  private where(line: number, index?: number): string {
    return `${this.path}:${line}${index ? ` (element ${index})` : ""}`;
  }

  private problem(reason: string): void {
    if (this.record) this.record.problem ??= reason;
  }

  /** Elements open now; more than 0 at the end of the input means a truncated document. */
  depth = 0;
  sawElement = false;
  /** Line of the last element opened (where a reader stuck at the end should look). */
  lastOpenLine = 0;

  private open(tag: SaxesTagPlain): void {
    this.depth += 1;
    this.sawElement = true;
    this.lastOpenLine = this.parser.line;
    if (tag.isSelfClosing) this.depth -= 1;
    const name = local(tag.name);
    const line = this.parser.line;
    if (RECORDS.has(name)) {
      this.count += 1;
      const dn = attribute(tag, "dn");
      this.record = { tag: name, line, index: this.count, dn, attrs: {}, mods: [] };
      if (dn === undefined) this.problem(`<${name}> has no dn attribute`);
      if (name === "modDNRequest") this.record.moddn = { newRdn: attribute(tag, "newrdn"), deleteOldRdn: attribute(tag, "deleteoldrdn"), newSuperior: attribute(tag, "newSuperior") };
      return;
    }
    if (name === "errorResponse") throw new ConnectivityError("dsml-error-response", `${this.where(line)}: the document holds an errorResponse (${attribute(tag, "type") ?? "no type"}): the result is incomplete`);
    if (name === "resultCode") {
      const code = attribute(tag, "code");
      if (code !== undefined && code !== "0" && !this.record) {
        throw new ConnectivityError("dsml-search-failed", `${this.where(line)}: the search ended with result code ${code}${attribute(tag, "descr") ? ` (${attribute(tag, "descr")})` : ""}: the result is incomplete`);
      }
      return;
    }
    if (!this.record) return;
    if (name === "attr" || name === "modification") {
      const attrName = attribute(tag, "name")?.trim();
      if (!attrName) return this.problem(`<${name}> without a name on line ${line}`);
      const op = name === "modification" ? attribute(tag, "operation") : undefined;
      if (name === "modification" && !OPERATIONS.has(op ?? "")) this.problem(`<modification name="${attrName}"> has operation "${op ?? ""}" (add, delete or replace)`);
      this.attr = { name: attrName, op };
      if (op) this.record.mods.push({ op: op as Modification["op"], attr: stripBinaryOption(attrName), values: [] });
    } else if (name === "value") {
      if (!this.attr) return this.problem(`a <value> outside <attr> on line ${line}`);
      const type = attribute(tag, "type");
      const kind = type === undefined ? "string" : local(type);
      if (kind !== "string" && kind !== "base64Binary") return this.problem(`the value of ${this.attr.name} on line ${line} has xsi:type "${type}" (xsd:string or xsd:base64Binary)`);
      this.value = { base64: kind === "base64Binary", text: "", line };
    }
  }

  private text(text: string): void {
    if (this.value) this.value.text += text;
  }

  private decode(name: string, v: { base64: boolean; text: string; line: number }): string | undefined {
    const binary = this.mapping.isBinary(name);
    if (!v.base64) return binary ? Buffer.from(v.text, "utf8").toString("base64") : v.text;
    const compact = v.text.replace(/\s+/g, "");
    if (!BASE64.test(compact)) return void this.problem(`the base64 value of ${name} on line ${v.line} is not valid base64`);
    const bytes = Buffer.from(compact, "base64");
    if (binary) return bytes.toString("base64");
    try {
      return utf8.decode(bytes);
    } catch {
      return void this.problem(`the value of ${name} on line ${v.line} is not UTF-8 text; list the attribute under binary attributes to read it as bytes`);
    }
  }

  private close(tag: SaxesTagPlain): void {
    if (!tag.isSelfClosing) this.depth -= 1;
    const name = local(tag.name);
    const record = this.record;
    if (!record) return;
    if (name === "value" && this.value && this.attr) {
      const value = this.decode(this.attr.name, this.value);
      this.value = null;
      if (value === undefined) return;
      if (this.attr.op) record.mods.at(-1)?.values.push(value);
      else addValues(record.attrs, stripBinaryOption(this.attr.name), [value]);
    } else if (name === "attr" || name === "modification") {
      this.attr = null;
    } else if (name === record.tag) {
      this.record = null;
      this.attr = null;
      this.value = null;
      this.out.push(this.finish(record));
    }
  }

  private finish(r: Open): DsmlItem {
    const source = { file: this.path, line: r.line };
    const where = this.where(r.line, r.index);
    if (r.problem) return recordError("dsml-bad-element", where, r.problem, source, r.dn ? { dn: r.dn } : {});
    const dn = r.dn!;
    const done = (change: ChangeRecord): DsmlItem => ({ kind: "change", change, line: r.line, index: r.index });
    switch (r.tag) {
      case "searchResultEntry":
      case "addRequest":
        if (!Object.keys(r.attrs).length) return recordError("dsml-bad-element", where, `<${r.tag}> without attributes`, source, { dn });
        return { kind: "entry", entry: { dn, attrs: r.attrs }, line: r.line, index: r.index };
      case "delRequest":
        return done({ kind: "delete", dn });
      case "modifyRequest":
        if (!r.mods.length) return recordError("dsml-bad-element", where, "<modifyRequest> without modifications", source, { dn });
        if (r.mods.some((m) => m.op === "add" && !m.values.length)) return recordError("dsml-bad-element", where, "an add modification without values", source, { dn });
        return done({ kind: "modify", dn, mods: r.mods });
      default: {
        const m = r.moddn!;
        if (!m.newRdn) return recordError("dsml-bad-element", where, "<modDNRequest> has no newrdn", source, { dn });
        const del = m.deleteOldRdn ?? "true";
        if (del !== "true" && del !== "false" && del !== "1" && del !== "0") return recordError("dsml-bad-element", where, `deleteoldrdn must be true or false, got "${del}"`, source, { dn });
        return done({ kind: "moddn", dn, newRdn: m.newRdn, deleteOldRdn: del === "true" || del === "1", ...(m.newSuperior ? { newSuperior: m.newSuperior } : {}) });
      }
    }
  }

  private xmlError(e: Error): void {
    const reason = `invalid XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "")}`;
    if (this.record) this.problem(`${reason} (line ${this.parser.line}, column ${this.parser.column + 1})`);
    else this.out.push(recordError("dsml-bad-xml", `${this.path}:${this.parser.line}:${this.parser.column + 1}`, reason, { file: this.path, line: this.parser.line }));
  }

  /** Whether an element is still open (a truncated document). */
  get openRecord(): Open | null {
    return this.record;
  }
}

/**
 * Reads every element of the document, in chunks (the items completed by each read). A missing or
 * unreadable file, or a document that cannot be read to its end, throws ConnectivityError.
 */
export async function* readDsmlChunks(path: string, mapping: EntryMapping): AsyncGenerator<DsmlItem[]> {
  const handle = await openInputFile(path, "DSML");
  const stream = handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false });
  const decoder = new StringDecoder("utf8");
  const parser = new SaxesParser({ position: true });
  const handler = new DsmlHandler(parser, path, mapping);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(decoder.write(chunk));
      if (handler.out.length) yield handler.out.splice(0);
    }
    parser.write(decoder.end());
    const line = parser.line;
    if (handler.depth > 0 || handler.openRecord) {
      throw new ConnectivityError(
        "dsml-truncated",
        `${path}:${line}: the document ends with ${Math.max(handler.depth, 1)} element(s) still open: a truncated file, or an unescaped & or < after line ${handler.lastOpenLine} (the last element read) hid the rest; what follows cannot be read`,
      );
    }
    parser.close();
    if (!handler.sawElement) throw new ConnectivityError("dsml-unreadable", `${path} holds no XML element`);
    if (handler.out.length) yield handler.out.splice(0);
  } catch (e) {
    if (e instanceof ConnectivityError) throw e;
    throw new ConnectivityError("file-read-failed", `DSML file ${path} could not be read: ${(e as Error).message}`, { cause: e });
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}
