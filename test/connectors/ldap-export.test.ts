// LDAP export against slapd: each operation (add with the new entryUUID returned, value-level
// modify, rename within and across parents, delete), group membership by member DNs, per-object
// failures in a batch, abort undoing a session's writes, and a lost connection stopping the step.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { PostReadControl } from "../../lib/connectors/ldap/ldap-read-entry-control.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { AttrValues, ExportChange } from "../../lib/engine/types.ts";
import { startSlapd } from "../support/slapd.ts";
import { addEntries, ldapConfig, ldapSandbox, personAttrs } from "./ldap-harness.ts";

const open = (config: Record<string, unknown>): Connector => ldapConnectorType.create(ldapConnectorType.configSchema.parse(config));
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x80, 0xfe]).toString("base64");

describe("LDAP export", () => {
  let box: Awaited<ReturnType<typeof ldapSandbox>>;
  let people: string;
  let groups: string;
  let connector: Connector;

  /** The entry at `dn` (user attributes plus entryUUID), or null. */
  async function read(dn: string): Promise<AttrValues | null> {
    const { searchEntries } = await box.client.search(dn, { scope: "base", attributes: ["*", "entryUUID"], explicitBufferAttributes: ["jpegPhoto"] }).catch(() => ({ searchEntries: [] }));
    const e = searchEntries[0];
    if (!e) return null;
    const out: AttrValues = {};
    for (const [k, v] of Object.entries(e)) if (k !== "dn") out[k] = (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString("base64") : String(x)));
    return out;
  }

  async function write(changes: ExportChange[]) {
    const session = await connector.openExport!();
    const results = await session.write(changes);
    await session.commit();
    return results;
  }

  const add = (id: string, dn: string, attrs: AttrValues, objectType = "person"): ExportChange => ({ id, op: "add", objectType, anchor: null, dn, changes: {}, attrs });

  beforeEach(async () => {
    box = await ldapSandbox();
    people = `ou=people,${box.dn}`;
    groups = `ou=groups,${box.dn}`;
    await addEntries(box.client, [
      { dn: people, attrs: { objectClass: ["organizationalUnit"], ou: ["people"] } },
      { dn: groups, attrs: { objectClass: ["organizationalUnit"], ou: ["groups"] } },
      { dn: `ou=alumni,${box.dn}`, attrs: { objectClass: ["organizationalUnit"], ou: ["alumni"] } },
    ]);
    connector = open(ldapConfig(box.dn));
  });

  afterEach(async () => {
    await connector.close();
    await box.close();
  });

  it("adds an entry (objectClass from the mapping, RDN value, binary from base64) and returns its entryUUID", async () => {
    const [r] = await write([add("a1", `uid=ann,${people}`, { cn: ["Ann Lee"], sn: ["Lee"], mail: ["ann@example.com"], jpegPhoto: [PHOTO], entryUUID: ["ignored"] })]);
    expect(r).toMatchObject({ id: "a1", ok: true });
    const entry = await read(`uid=ann,${people}`);
    expect(entry!.entryUUID).toEqual([r!.anchor]);
    expect(entry!.objectClass).toEqual(["inetOrgPerson"]);
    expect(entry!.uid).toEqual(["ann"]);
    expect(entry!.jpegPhoto).toEqual([PHOTO]);
  });

  it("the Post-Read control returns the new entry's entryUUID in the add response", async () => {
    const control = new PostReadControl(["entryUUID"]);
    await box.client.add(`uid=pr,${people}`, personAttrs("pr") as never, control);
    expect(control.first("entryUUID")).toEqual((await read(`uid=pr,${people}`))!.entryUUID![0]);
  });

  it("modifies values (replace, add, remove), renames in place and across parents keeping the entryUUID, deletes", async () => {
    const [a, b, c] = await write([
      add("a", `uid=ann,${people}`, personAttrs("ann", { mail: ["ann@one.example", "ann@two.example"], title: ["Clerk"] })),
      add("b", `uid=ben,${people}`, personAttrs("ben")),
      add("c", `uid=cid,${people}`, personAttrs("cid")),
    ]);
    const results = await write([
      { id: "u", op: "update", objectType: "person", anchor: a!.anchor!, dn: `uid=ann,${people}`, changes: { title: { replace: ["Manager"] }, mail: { add: ["ann@three.example"], remove: ["ann@one.example"] }, description: { replace: [] } } },
      { id: "r1", op: "rename", objectType: "person", anchor: b!.anchor!, dn: `uid=ben,${people}`, newDn: `uid=benjamin,${people}`, changes: { displayName: { replace: ["Benjamin"] } } },
      { id: "r2", op: "rename", objectType: "person", anchor: c!.anchor!, dn: `uid=cid,${people}`, newDn: `uid=cid,ou=alumni,${box.dn}`, changes: {} },
    ]);
    expect(results.map((r) => [r.id, r.ok])).toEqual([["u", true], ["r1", true], ["r2", true]]);
    const ann = await read(`uid=ann,${people}`);
    expect(ann!.title).toEqual(["Manager"]);
    expect(ann!.mail!.sort()).toEqual(["ann@three.example", "ann@two.example"]);
    const ben = await read(`uid=benjamin,${people}`);
    expect(ben).toMatchObject({ entryUUID: [b!.anchor], uid: ["benjamin"], displayName: ["Benjamin"] });
    expect(await read(`uid=ben,${people}`)).toBeNull();
    expect(await read(`uid=cid,ou=alumni,${box.dn}`)).toMatchObject({ entryUUID: [c!.anchor] });

    const [d, gone] = await write([
      { id: "d", op: "delete", objectType: "person", anchor: a!.anchor!, dn: `uid=ann,${people}`, changes: {} },
      { id: "gone", op: "delete", objectType: "person", anchor: null, dn: `uid=nobody,${people}`, changes: {} },
    ]);
    expect(d).toMatchObject({ ok: true });
    expect(gone).toMatchObject({ ok: true }); // already absent: the wanted state
    expect(await read(`uid=ann,${people}`)).toBeNull();
  });

  it("an update with a stale DN finds the entry by its anchor", async () => {
    const [a] = await write([add("a", `uid=ann,${people}`, personAttrs("ann"))]);
    await box.client.modifyDN(`uid=ann,${people}`, `uid=ann,ou=alumni,${box.dn}`);
    const [u] = await write([{ id: "u", op: "update", objectType: "person", anchor: a!.anchor!, dn: `uid=ann,${people}`, changes: { title: { replace: ["Moved"] } } }]);
    expect(u).toMatchObject({ ok: true });
    expect((await read(`uid=ann,ou=alumni,${box.dn}`))!.title).toEqual(["Moved"]);
  });

  it("writes a group with member DNs added in the same batch, then adds and removes single members", async () => {
    const members = ["m1", "m2", "m3"].map((u) => `uid=${u},${people}`);
    // The group comes first in the batch; its members must exist before it names them.
    const results = await write([
      add("g", `cn=staff,${groups}`, { objectClass: ["groupOfNames"], member: [members[0]!, members[1]!] }, "group"),
      ...members.map((dn, i) => add(`m${i}`, dn, personAttrs(`m${i + 1}`))),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const [u] = await write([{ id: "gm", op: "update", objectType: "group", anchor: results[0]!.anchor!, dn: `cn=staff,${groups}`, changes: { member: { add: [members[2]!], remove: [members[0]!] } } }]);
    expect(u).toMatchObject({ ok: true });
    expect((await read(`cn=staff,${groups}`))!.member!.sort()).toEqual([members[1], members[2]]);
    // Adding a present member or removing an absent one is not an error (permissive modify).
    const [again] = await write([{ id: "gm2", op: "update", objectType: "group", anchor: results[0]!.anchor!, dn: `cn=staff,${groups}`, changes: { member: { add: [members[2]!], remove: [members[0]!] } } }]);
    expect(again, JSON.stringify(again)).toMatchObject({ ok: true });
  });

  it("with 8 in flight, containers are added before the entries below them and deleted after them, in one batch each", async () => {
    const depts = ["d0", "d1", "d2"].map((d) => `ou=${d},${people}`);
    const children = depts.flatMap((d, k) => Array.from({ length: 6 }, (_, n) => `uid=p${k}x${n},${d}`));
    const adds = [...depts.map((d, k) => add(`ou${k}`, d, { ou: [`d${k}`] }, "organizationalUnit")), ...children.map((dn, n) => add(`c${n}`, dn, personAttrs(`p${n}`)))];
    const added = await write(adds);
    expect(added.filter((r) => !r.ok), JSON.stringify(added.filter((r) => !r.ok))).toEqual([]);
    for (const dn of [...depts, ...children]) expect(await read(dn), dn).not.toBeNull();
    // Parents listed first: the scheduler deletes the children first anyway.
    const del = (id: string, dn: string): ExportChange => ({ id, op: "delete", objectType: "entry", anchor: null, dn, changes: {} });
    const deleted = await write([...depts.map((d, k) => del(`ou${k}`, d)), ...children.map((dn, n) => del(`c${n}`, dn))]);
    expect(deleted.filter((r) => !r.ok), JSON.stringify(deleted.filter((r) => !r.ok))).toEqual([]);
    for (const dn of [...depts, ...children]) expect(await read(dn), dn).toBeNull();
  });

  it("a refused change fails that object only, with the LDAP result as code and message", async () => {
    await write([add("x", `uid=ann,${people}`, personAttrs("ann"))]);
    const results = await write([
      add("exists", `uid=ann,${people}`, personAttrs("ann")),
      { id: "missing", op: "update", objectType: "person", anchor: null, dn: `uid=nobody,${people}`, changes: { title: { replace: ["x"] } } },
      { id: "two-values", op: "update", objectType: "person", anchor: null, dn: `uid=ann,${people}`, changes: { displayName: { replace: ["One", "Two"] } } },
      add("no-sn", `uid=nosn,${people}`, { cn: ["No Sn"] }),
      add("outside", `uid=out,ou=people,dc=example,dc=com`, personAttrs("out")),
      add("good", `uid=good,${people}`, personAttrs("good")),
    ]);
    const by = new Map(results.map((r) => [r.id, r]));
    expect(by.get("exists")).toMatchObject({ ok: false, code: "ldap-entry-already-exists" });
    expect(by.get("missing")).toMatchObject({ ok: false, code: "ldap-no-such-object" });
    expect(by.get("two-values")).toMatchObject({ ok: false, code: "ldap-constraint-violation", message: expect.stringMatching(/displayName/) });
    expect(by.get("no-sn")).toMatchObject({ ok: false, code: "ldap-object-class-violation" });
    expect(by.get("outside")).toMatchObject({ ok: false, code: "ldap-export-out-of-scope" });
    expect(by.get("good")).toMatchObject({ ok: true });
    expect(await read(`uid=good,${people}`)).not.toBeNull();
  });

  it("abort undoes the session's add, modify, rename and delete", async () => {
    const [a, b, c] = await write([add("a", `uid=ann,${people}`, personAttrs("ann", { title: ["Clerk"] })), add("b", `uid=ben,${people}`, personAttrs("ben")), add("c", `uid=cid,${people}`, personAttrs("cid"))]);
    const session = await connector.openExport!();
    const results = await session.write([
      add("n", `uid=new,${people}`, personAttrs("new")),
      { id: "u", op: "update", objectType: "person", anchor: a!.anchor!, dn: `uid=ann,${people}`, changes: { title: { replace: ["Boss"] } } },
      { id: "r", op: "rename", objectType: "person", anchor: b!.anchor!, dn: `uid=ben,${people}`, newDn: `uid=ben,ou=alumni,${box.dn}`, changes: {} },
      { id: "d", op: "delete", objectType: "person", anchor: c!.anchor!, dn: `uid=cid,${people}`, changes: {} },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    await session.abort();
    expect(await read(`uid=new,${people}`)).toBeNull();
    expect((await read(`uid=ann,${people}`))!.title).toEqual(["Clerk"]);
    expect(await read(`uid=ben,${people}`)).toMatchObject({ entryUUID: [b!.anchor] });
    expect(await read(`uid=cid,${people}`)).toMatchObject({ uid: ["cid"] });
  });
});

describe("LDAP export connection loss", () => {
  it("a server that went away stops the export with a ConnectivityError", async () => {
    const slapd = await startSlapd();
    let stopped = false;
    const connector = open({ url: slapd.url, bindDn: slapd.adminDn, bindPassword: slapd.adminPassword, baseDn: slapd.baseDn, objectTypes: { inetOrgPerson: "person" }, timeoutMs: 5000, connectTimeoutMs: 2000 });
    try {
      const session = await connector.openExport!();
      const [first] = await session.write([{ id: "a", op: "add", objectType: "person", anchor: null, dn: `uid=a,ou=people,${slapd.baseDn}`, changes: {}, attrs: personAttrs("a") }]);
      expect(first).toMatchObject({ ok: true });
      await slapd.stop();
      stopped = true;
      const error = await session.write([{ id: "b", op: "add", objectType: "person", anchor: null, dn: `uid=b,ou=people,${slapd.baseDn}`, changes: {}, attrs: personAttrs("b") }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectivityError);
      expect((error as ConnectivityError).code).toBe("ldap-unreachable");
      await session.abort();
    } finally {
      await connector.close();
      if (!stopped) await slapd.stop();
    }
  });
});
