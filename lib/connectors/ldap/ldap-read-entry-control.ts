// The LDAP Post-Read control (RFC 4527): the server returns the entry as it is after an add or a
// modify, in the same response. An export reads the new entry's anchor (entryUUID) this way
// instead of searching for it afterwards. ldapts hands a response control it does not know to the
// request control of the same type, so this object collects the answer of the operation it was
// sent with (one instance per operation).

import { Attribute, BerWriter, Control, type BerReader } from "ldapts";

/** Post-Read request control asking for `attributes`; `values` holds the answer after the operation. */
export class PostReadControl extends Control {
  static readonly type = "1.3.6.1.1.13.2";
  /** attribute (as the server spells it) -> values; null when the server sent no entry. */
  values: Record<string, (string | Buffer)[]> | null = null;

  constructor(private readonly attributes: string[]) {
    super(PostReadControl.type, { critical: false });
  }

  /** The first value of `name` (case-insensitive) as text; Buffers as base64. */
  first(name: string): string | undefined {
    if (!this.values) return undefined;
    const key = Object.keys(this.values).find((k) => k.toLowerCase() === name.toLowerCase());
    const v = key === undefined ? undefined : this.values[key]![0];
    return v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString("base64") : v;
  }

  protected override writeControl(writer: BerWriter): void {
    const w = new BerWriter();
    w.startSequence();
    for (const a of this.attributes) w.writeString(a);
    w.endSequence();
    writer.writeBuffer(w.buffer, 0x04);
  }

  protected override parseControl(reader: BerReader): void {
    // SearchResultEntry ::= [APPLICATION 4] SEQUENCE { objectName LDAPDN, attributes PartialAttributeList }
    if (reader.readSequence(0x64) === null) return;
    reader.readString();
    if (reader.readSequence() === null) return;
    const end = reader.offset + reader.length;
    const values: Record<string, (string | Buffer)[]> = {};
    while (reader.offset < end) {
      const a = new Attribute();
      a.parse(reader);
      values[a.type] = a.values;
    }
    this.values = values;
  }
}
