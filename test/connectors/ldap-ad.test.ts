// The LDAP connector's Active Directory flavour against a real Samba AD domain controller
// (test/support/samba-ad.ts, started here and stopped at the end: AD's ports are fixed, so this is
// the only test file that runs one). LDAPS with the DC's own CA, the name in its certificate and
// the "trust this certificate" fingerprint; full import anchored on objectGUID with group members as
// references; DirSync and uSNChanged delta imports with an add, a modify, a rename and a delete;
// export of a user and a group, a unicodePwd password set and a bind as that user; unicodePwd
// refused on a plain connection.
import fs from "node:fs";
import { Attribute, Change, Client, InvalidCredentialsError } from "ldapts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { unicodePwdValue } from "../../lib/connectors/ldap/ldap-password.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaChange, ExportChange } from "../../lib/engine/types.ts";
import { startSambaAd, type SambaAd } from "../support/samba-ad.ts";
import { deltaItems, importObjects } from "./ldap-harness.ts";

const replace = (type: string, values: string[] | Buffer[]) => new Change({ operation: "replace", modification: new Attribute({ type, values }) });

let ad: SambaAd;
let admin: Client;
let ouCount = 0;
const connectors: Connector[] = [];

function tlsClient(url = ad.ldapsUrl): Client {
  return new Client({ url, timeout: 20_000, connectTimeout: 10_000, tlsOptions: { ca: fs.readFileSync(ad.caFile), servername: ad.serverName } });
}

/** A connector on the DC (LDAPS, the DC's CA, DirSync, unicodePwd) managing `baseDn`; closed after the file. */
function open(baseDn: string, extra: Record<string, unknown> = {}): Connector {
  const connector = ldapConnectorType.create(
    ldapConnectorType.configSchema.parse({
      url: ad.ldapsUrl,
      bindDn: ad.adminDn,
      bindPassword: ad.adminPassword,
      baseDn,
      anchor: "objectGUID",
      objectTypes: { user: "person", group: "group" },
      attributes: ["cn", "sAMAccountName", "userPrincipalName", "givenName", "sn", "description", "mail", "member", "userAccountControl"],
      tlsCaFile: ad.caFile,
      tlsServerName: ad.serverName,
      deltaMethod: "dirsync",
      passwordMethod: "unicodePwd",
      ...extra,
    }),
  );
  connectors.push(connector);
  return connector;
}

/** A fresh OU of the test domain. */
async function freshOu(): Promise<string> {
  const dn = `OU=t${++ouCount},${ad.baseDn}`;
  await admin.add(dn, { objectClass: ["top", "organizationalUnit"], ou: `t${ouCount}` });
  return dn;
}

async function addUser(parent: string, name: string, extra: Record<string, string | string[]> = {}): Promise<string> {
  const dn = `CN=${name},${parent}`;
  // sAMAccountName is unique in the whole domain.
  await admin.add(dn, { objectClass: ["top", "person", "organizationalPerson", "user"], cn: name, sAMAccountName: `${name.toLowerCase()}${ouCount}`, ...extra });
  return dn;
}

async function guidOf(dn: string): Promise<string> {
  const { searchEntries } = await admin.search(dn, { scope: "base", attributes: ["objectGUID"], explicitBufferAttributes: ["objectGUID"] });
  return (searchEntries[0]!.objectGUID as Buffer).toString("base64");
}

/** Binds as `who` with `password` over LDAPS. */
async function bindAs(who: string, password: string): Promise<void> {
  const client = tlsClient();
  try {
    await client.bind(who, password);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

beforeAll(async () => {
  ad = await startSambaAd();
  console.log(`Samba AD DC: provisioned in ${ad.provisionSeconds.toFixed(1)} s, LDAPS answering ${ad.startSeconds.toFixed(1)} s later`);
  admin = tlsClient();
  await admin.bind(ad.adminUpn, ad.adminPassword);
}, 600_000);

afterAll(async () => {
  for (const c of connectors) await c.close();
  await admin?.unbind().catch(() => undefined);
  await ad?.stop();
}, 60_000);

describe("AD over LDAPS: trusting the DC's certificate", () => {
  let ou: string;
  beforeEach(async () => {
    ou = await freshOu();
  });

  it("connects with the DC's CA file and the name in its certificate", async () => {
    await expect(open(ou).testConnection()).resolves.toBeUndefined();
  });

  it("refuses the self-signed certificate without them, names its fingerprint, and trusts it by that fingerprint", async () => {
    const refused = open(ou, { tlsCaFile: "", tlsServerName: "" }).testConnection();
    await expect(refused).rejects.toMatchObject({ code: "ldap-untrusted-certificate", message: expect.stringMatching(/SHA-256 fingerprint is ([0-9A-F]{2}:){31}[0-9A-F]{2}/) });
    const fingerprint = /fingerprint is ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(((await refused.catch((e: Error) => e)) as Error).message)![1]!;
    await expect(open(ou, { tlsCaFile: "", tlsServerName: "", tlsTrustFingerprint: fingerprint }).testConnection()).resolves.toBeUndefined();
    // The CA alone is not enough when the URL's host (127.0.0.1) is not the certificate's name.
    await expect(open(ou, { tlsServerName: "" }).testConnection()).rejects.toMatchObject({ code: "ldap-untrusted-certificate", message: expect.stringMatching(/127\.0\.0\.1/) });
    const wrong = fingerprint.replace(/^../, fingerprint.startsWith("00") ? "11" : "00");
    await expect(open(ou, { tlsCaFile: "", tlsServerName: "", tlsTrustFingerprint: wrong }).testConnection()).rejects.toMatchObject({ code: "ldap-untrusted-certificate", message: expect.stringMatching(/does not match/) });
  });
});

describe("AD full import and DirSync delta import", () => {
  let ou: string;
  let users: string;
  beforeEach(async () => {
    ou = await freshOu();
    users = `OU=People,${ou}`;
    await admin.add(users, { objectClass: ["top", "organizationalUnit"], ou: "People" });
    await admin.add(`OU=Moved,${ou}`, { objectClass: ["top", "organizationalUnit"], ou: "Moved" });
    for (const n of ["Alice", "Bob", "Dave", "Erin"]) await addUser(users, n, { description: `${n} v1` });
    await admin.add(`CN=Staff,${users}`, { objectClass: ["top", "group"], cn: "Staff", sAMAccountName: `staff-${ouCount}`, member: [`CN=Alice,${users}`, `CN=Bob,${users}`] });
  });

  it("imports users and groups anchored on objectGUID (base64 of its 16 bytes), members as references", async () => {
    const connector = open(ou);
    const schema = await connector.discoverSchema();
    expect(schema.objectTypes.map((t) => t.name)).toEqual(expect.arrayContaining(["person", "group"]));
    const { objects, errors } = await importObjects(connector);
    expect(errors).toEqual([]);
    const byCn = new Map(objects.map((o) => [o.attrs.cn![0]!, o]));
    expect([...byCn.keys()].sort()).toEqual(["Alice", "Bob", "Dave", "Erin", "Staff"]);
    const alice = byCn.get("Alice")!;
    expect(alice).toMatchObject({ objectType: "person", dn: `CN=Alice,${users}`, anchor: await guidOf(`CN=Alice,${users}`) });
    expect(Buffer.from(alice.anchor, "base64")).toHaveLength(16);
    expect(alice.attrs.objectGUID).toEqual([alice.anchor]);
    const staff = byCn.get("Staff")!;
    expect(staff.objectType).toBe("group");
    expect(staff.attrs.member!.map((m) => m.toLowerCase()).sort()).toEqual([`cn=alice,${users}`, `cn=bob,${users}`].map((m) => m.toLowerCase()));
    // the same anchors on the next import: objectGUID is stable
    const again = await importObjects(connector);
    expect(new Set(again.objects.map((o) => o.anchor))).toEqual(new Set(objects.map((o) => o.anchor)));
  });

  it("DirSync: an add, a modify, a rename (a move), a delete and a group change since the cookie taken before the full import; then nothing", async () => {
    const connector = open(ou);
    const start = await connector.currentWatermark!();
    expect(Buffer.from(start!, "base64").length).toBeGreaterThan(20);
    const anchors = new Map((await importObjects(connector)).objects.map((o) => [o.attrs.cn![0]!, o.anchor]));
    const outside = await freshOu();

    await addUser(users, "Carol", { description: "Carol v1" });
    await admin.modify(`CN=Alice,${users}`, [replace("description", ["Alice v2"])]);
    await admin.modifyDN(`CN=Bob,${users}`, `CN=Robert,OU=Moved,${ou}`);
    await admin.del(`CN=Dave,${users}`);
    await admin.modify(`CN=Staff,${users}`, new Change({ operation: "add", modification: new Attribute({ type: "member", values: [`CN=Erin,${users}`] }) }));
    await addUser(outside, "Zed");

    const { items, watermark } = await deltaItems(connector, start);
    expect(items.filter((i) => i.kind === "error")).toEqual([]);
    const changes = items as DeltaChange[];
    const byAnchor = new Map(changes.map((c) => [c.anchor, c]));
    const carol = changes.find((c) => c.dn === `CN=Carol,${users}`)!;
    expect(carol).toMatchObject({ op: "update", objectType: "person", complete: true, anchor: await guidOf(`CN=Carol,${users}`) });
    expect(carol.attrs!.description).toEqual(["Carol v1"]);
    expect(byAnchor.get(anchors.get("Alice")!)).toMatchObject({ op: "update", dn: `CN=Alice,${users}`, complete: true, attrs: expect.objectContaining({ description: ["Alice v2"], sAMAccountName: [expect.stringMatching(/^alice\d+$/)] }) });
    // renamed and moved: the same objectGUID with its new DN
    expect(byAnchor.get(anchors.get("Bob")!)).toMatchObject({ op: "update", dn: `CN=Robert,OU=Moved,${ou}`, attrs: expect.objectContaining({ cn: ["Robert"] }) });
    expect(byAnchor.get(anchors.get("Dave")!)).toEqual({ kind: "change", op: "delete", anchor: anchors.get("Dave") });
    const staff = byAnchor.get(anchors.get("Staff")!)!;
    // AD follows the rename in the group's member values.
    expect(staff.attrs!.member!.map((m) => m.toLowerCase()).sort()).toEqual([`cn=alice,${users}`, `cn=erin,${users}`, `cn=robert,ou=moved,${ou}`].map((m) => m.toLowerCase()).sort());
    expect(byAnchor.has(anchors.get("Erin")!)).toBe(false);
    // Zed, outside the MA's subtree, is at most a delete of an anchor the MA never held.
    const zed = await guidOf(`CN=Zed,${outside}`);
    expect([undefined, "delete"]).toContain(byAnchor.get(zed)?.op);
    expect(changes.filter((c) => c.op !== "delete").map((c) => c.dn!).every((dn) => dn.endsWith(ou))).toBe(true);

    expect(watermark).not.toBe(start);
    const next = await deltaItems(connector, watermark);
    expect(next.items).toEqual([]);
  });

  it("DirSync: a user moved out of the MA's subtree is a delete; a refused DirSync (a non-admin) fails the step with a clear code", async () => {
    const connector = open(users);
    const start = await connector.currentWatermark!();
    const erin = await guidOf(`CN=Erin,${users}`);
    await admin.modifyDN(`CN=Erin,${users}`, `CN=Erin,OU=Moved,${ou}`);
    const { items } = await deltaItems(connector, start);
    expect(items).toContainEqual({ kind: "change", op: "delete", anchor: erin });

    await admin.modify(`CN=Alice,${users}`, [replace("unicodePwd", [unicodePwdValue("Alice-pass-9x!")]), replace("userAccountControl", ["512"])]);
    const plain = open(users, { bindDn: `CN=Alice,${users}`, bindPassword: "Alice-pass-9x!" });
    await expect(plain.deltaImport!(start)).rejects.toMatchObject({ code: "ldap-dirsync-refused", message: expect.stringMatching(/Replicating Directory Changes/) });
  });
});

describe("AD uSNChanged delta import", () => {
  it("sees an add, a modify and a delete (a tombstone under Deleted Objects) after the USN of the full import", async () => {
    const ou = await freshOu();
    await addUser(ou, "Uma", { description: "v1" });
    await addUser(ou, "Vic");
    const connector = open(ou, { deltaMethod: "usn" });
    const start = await connector.currentWatermark!();
    expect(start).toMatch(/^\d+@dc1\.samdom\.example\.test$/);
    const anchors = new Map((await importObjects(connector)).objects.map((o) => [o.attrs.cn![0]!, o.anchor]));

    await addUser(ou, "Walt");
    await admin.modify(`CN=Uma,${ou}`, [replace("description", ["v2"])]);
    await admin.del(`CN=Vic,${ou}`);
    const { items, watermark } = await deltaItems(connector, start);
    expect(items.filter((i) => i.kind === "error")).toEqual([]);
    const byAnchor = new Map((items as DeltaChange[]).map((c) => [c.anchor, c]));
    expect(byAnchor.get(await guidOf(`CN=Walt,${ou}`))).toMatchObject({ op: "update", dn: `CN=Walt,${ou}`, objectType: "person", complete: true });
    expect(byAnchor.get(anchors.get("Uma")!)).toMatchObject({ op: "update", attrs: expect.objectContaining({ description: ["v2"] }) });
    expect(byAnchor.get(anchors.get("Vic")!)).toEqual({ kind: "change", op: "delete", anchor: anchors.get("Vic") });
    expect(Number(watermark!.split("@")[0])).toBeGreaterThan(Number(start!.split("@")[0]));
    expect((await deltaItems(connector, watermark)).items).toEqual([]);

    await expect(connector.deltaImport!("12@dc9.elsewhere.test")).rejects.toMatchObject({ code: "ldap-usn-other-server" });
  });
});

describe("AD export and unicodePwd", () => {
  let ou: string;
  beforeEach(async () => {
    ou = await freshOu();
  });

  function change(c: Partial<ExportChange> & Pick<ExportChange, "op" | "dn">): ExportChange {
    return { id: `${c.op}-${c.dn}`, objectType: "person", anchor: null, changes: {}, ...c };
  }

  it("exports a user, sets its password with unicodePwd (must change, then not), enables it, and the user binds with it", async () => {
    const connector = open(ou);
    const session = await connector.openExport!();
    const dn = `CN=Pat Doe,${ou}`;
    const upn = `pat.${ouCount}@samdom.example.test`;
    const [added] = await session.write([
      change({ op: "add", dn, attrs: { objectClass: ["top", "person", "organizationalPerson", "user"], sAMAccountName: [`pat${ouCount}`], userPrincipalName: [upn], givenName: ["Pat"], sn: ["Doe"] } }),
    ]);
    expect(added).toMatchObject({ ok: true });
    expect(added!.anchor).toBe(await guidOf(dn));
    // AD makes a user without a password a disabled account (ACCOUNTDISABLE | PASSWD_NOTREQD | NORMAL_ACCOUNT).
    const uac = async () => Number((await admin.search(dn, { scope: "base", attributes: ["userAccountControl"] })).searchEntries[0]!.userAccountControl);
    expect((await uac()) & 2).toBe(2);

    await connector.setPassword!({ dn, anchor: added!.anchor! }, "Temp-pass-1!", { mustChange: true });
    const pwdLastSet = async () => String((await admin.search(dn, { scope: "base", attributes: ["pwdLastSet"] })).searchEntries[0]!.pwdLastSet);
    expect(await pwdLastSet()).toBe("0");
    await connector.setPassword!({ dn, anchor: added!.anchor! }, "Pat-pass-2026!", { mustChange: false });
    expect(Number(await pwdLastSet())).toBeGreaterThan(0);
    const [enabled] = await session.write([change({ op: "update", dn, anchor: added!.anchor!, changes: { userAccountControl: { replace: ["512"] } } })]);
    expect(enabled).toMatchObject({ ok: true });
    await session.commit();
    expect(await uac()).toBe(512);

    await expect(bindAs(upn, "Pat-pass-2026!")).resolves.toBeUndefined();
    await expect(bindAs(dn, "Pat-pass-2026!")).resolves.toBeUndefined();
    await expect(bindAs(upn, "Temp-pass-1!")).rejects.toBeInstanceOf(InvalidCredentialsError);
    // AD's password policy refuses a weak password: a clear code, the old password still works.
    await expect(connector.setPassword!({ dn, anchor: null }, "short")).rejects.toMatchObject({ code: "ldap-password-constraint-violation", message: expect.stringContaining(dn) });
    await bindAs(upn, "Pat-pass-2026!");

    // Moved by someone else: found again by its objectGUID (sent to the server as bytes).
    await admin.add(`OU=Elsewhere,${ou}`, { objectClass: ["top", "organizationalUnit"], ou: "Elsewhere" });
    await admin.modifyDN(dn, `CN=Pat Doe,OU=Elsewhere,${ou}`);
    await connector.setPassword!({ dn, anchor: added!.anchor! }, "Moved-pass-2026!");
    await bindAs(upn, "Moved-pass-2026!");
  });

  it("over StartTLS too; on a plain ldap:// connection unicodePwd is refused before anything is sent", async () => {
    const dn = await addUser(ou, "Sam", { userPrincipalName: `sam.${ouCount}@samdom.example.test` });
    const startTls = open(ou, { url: ad.ldapUrl, startTls: true });
    await startTls.setPassword!({ dn, anchor: null }, "Sam-pass-2026!");
    await admin.modify(dn, replace("userAccountControl", ["512"]));
    await bindAs(dn, "Sam-pass-2026!");

    // A wrong bind password shows that the refusal comes before the connection is even bound.
    const plain = open(ou, { url: ad.ldapUrl, bindPassword: "not-the-password" });
    await expect(plain.setPassword!({ dn, anchor: null }, "Sam-pass-2027!")).rejects.toMatchObject({ code: "ldap-password-needs-tls", message: expect.stringMatching(/ldaps:\/\/ or turn on StartTLS/) });
    await bindAs(dn, "Sam-pass-2026!");
  });

  it("exports a group whose members are references, then adds and removes one member by value", async () => {
    const alice = await addUser(ou, "Ann");
    const bob = await addUser(ou, "Ben");
    const carl = await addUser(ou, "Cal");
    const connector = open(ou);
    const session = await connector.openExport!();
    const dn = `CN=Team,${ou}`;
    const [added] = await session.write([change({ op: "add", dn, objectType: "group", attrs: { objectClass: ["top", "group"], sAMAccountName: [`team-${ouCount}`], member: [alice, bob] } })]);
    expect(added).toMatchObject({ ok: true, anchor: await guidOf(dn) });
    const [updated] = await session.write([change({ op: "update", dn, objectType: "group", anchor: added!.anchor!, changes: { member: { add: [carl], remove: [alice] } } })]);
    expect(updated).toMatchObject({ ok: true });
    await session.commit();

    const { objects } = await importObjects(connector);
    const team = objects.find((o) => o.anchor === added!.anchor)!;
    expect(team.objectType).toBe("group");
    expect(team.attrs.member!.map((m) => m.toLowerCase()).sort()).toEqual([bob, carl].map((m) => m.toLowerCase()).sort());
    const schema = await connector.discoverSchema();
    const group = schema.objectTypes.find((t) => t.name === "group")!;
    expect(group.attributes.find((a) => a.name.toLowerCase() === "member")).toMatchObject({ type: "reference" });
  });
});
