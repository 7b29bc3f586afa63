// Active Directory's own LDAP controls used by the AD delta methods. ldapts hands a response
// control it does not know to the request control of the same type, so a DirSyncControl collects
// the server's answer (the next cookie, whether more changes wait) on the object that was sent.

import { BerWriter, Control, type BerReader } from "ldapts";

const OCTET_STRING = 0x04;

/**
 * DirSync (LDAP_SERVER_DIRSYNC_OID, MS-ADTS 3.1.1.3.4.1.3): the changes of a naming context since a
 * cookie. Request value: SEQUENCE { flags INTEGER, maxBytes INTEGER, cookie OCTET STRING }; the
 * response holds SEQUENCE { moreResults INTEGER, unused INTEGER, cookie OCTET STRING }.
 */
export class DirSyncControl extends Control {
  static readonly type = "1.2.840.113556.1.4.841";
  /** the server's cookie after the search (empty until a response arrived). */
  cookie: Buffer = Buffer.alloc(0);
  /** the server has more changes than it sent in this response. */
  moreResults = false;

  constructor(
    private readonly request: Buffer,
    private readonly maxBytes = 1_048_576,
    private readonly flags = 0,
  ) {
    // Critical: a server without DirSync must refuse the search, not return a plain one.
    super(DirSyncControl.type, { critical: true });
  }

  protected override writeControl(writer: BerWriter): void {
    const w = new BerWriter();
    w.startSequence();
    w.writeInt(this.flags);
    w.writeInt(this.maxBytes);
    w.writeBuffer(this.request, OCTET_STRING);
    w.endSequence();
    writer.writeBuffer(w.buffer, OCTET_STRING);
  }

  protected override parseControl(reader: BerReader): void {
    if (reader.readSequence() === null) return;
    this.moreResults = (reader.readInt() ?? 0) !== 0;
    reader.readInt();
    this.cookie = reader.readString(OCTET_STRING, true) ?? Buffer.alloc(0);
  }
}

/** Show Deleted (LDAP_SERVER_SHOW_DELETED_OID): a search also returns tombstones (isDeleted: TRUE) under CN=Deleted Objects. */
export const SHOW_DELETED = new Control("1.2.840.113556.1.4.417", { critical: true });
