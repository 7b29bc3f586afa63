// The LDAP connector's Active Directory flavour against a real Samba AD domain controller
// (test/support/samba-ad.ts, started here and stopped at the end: AD's ports are fixed, so this is
// the only test file that runs one). LDAPS with the DC's own CA, the name in its certificate and
// the "trust this certificate" fingerprint; full import anchored on objectGUID with group members as
// references; DirSync and uSNChanged delta imports with an add, a modify, a rename and a delete;
// export of a user and a group, a unicodePwd password set and a bind as that user; unicodePwd
// refused on a plain connection; and through the engine: HR (CSV) -> metaverse -> AD provisioning,
// a DirSync delta import staging an update, a rename and a delete, and a help-desk password reset
// reported per system (LDAPS: set, plain ldap://: refused).
import fs from "node:fs";
import path from "node:path";
import { Attribute, Change, Client, InvalidCredentialsError } from "ldapts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { unicodePwdValue } from "../../lib/connectors/ldap/ldap-password.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaChange, ExportChange } from "../../lib/engine/types.ts";
import { resetPassword } from "../../lib/services/password-reset.ts";
import { passwordPolicySchema } from "../../lib/services/password-policy.ts";
import { upsertPasswordSettings } from "../../lib/store/password-queries.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";
import { startSambaAd, type SambaAd } from "../support/samba-ad.ts";
import { desk } from "../services/password-kit.ts";
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
  it("sees an add, a modify, a rename and a delete (a tombstone under Deleted Objects) after the USN of the full import", async () => {
    const ou = await freshOu();
    await addUser(ou, "Uma", { description: "v1" });
    await addUser(ou, "Vic");
    await addUser(ou, "Xena");
    const connector = open(ou, { deltaMethod: "usn" });
    const start = await connector.currentWatermark!();
    expect(start).toMatch(/^\d+@dc1\.samdom\.example\.test$/);
    const anchors = new Map((await importObjects(connector)).objects.map((o) => [o.attrs.cn![0]!, o.anchor]));

    await addUser(ou, "Walt");
    await admin.modify(`CN=Uma,${ou}`, [replace("description", ["v2"])]);
    await admin.del(`CN=Vic,${ou}`);
    await admin.modifyDN(`CN=Xena,${ou}`, "CN=Xenia");
    const { items, watermark } = await deltaItems(connector, start);
    expect(items.filter((i) => i.kind === "error")).toEqual([]);
    const byAnchor = new Map((items as DeltaChange[]).map((c) => [c.anchor, c]));
    expect(byAnchor.get(await guidOf(`CN=Walt,${ou}`))).toMatchObject({ op: "update", dn: `CN=Walt,${ou}`, objectType: "person", complete: true });
    expect(byAnchor.get(anchors.get("Uma")!)).toMatchObject({ op: "update", attrs: expect.objectContaining({ description: ["v2"] }) });
    expect(byAnchor.get(anchors.get("Vic")!)).toEqual({ kind: "change", op: "delete", anchor: anchors.get("Vic") });
    expect(byAnchor.get(anchors.get("Xena")!)).toMatchObject({ op: "update", dn: `CN=Xenia,${ou}`, attrs: expect.objectContaining({ cn: ["Xenia"] }) });
    // everything else the domain changed meanwhile (if anything) is at most a delete of an anchor the MA never held
    expect((items as DeltaChange[]).filter((c) => c.op !== "delete").map((c) => c.dn).sort()).toEqual([`CN=Uma,${ou}`, `CN=Walt,${ou}`, `CN=Xenia,${ou}`]);
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

describe("AD through the engine", () => {
  let fresh: FreshSqlite;
  let s: Scenario;
  let ou: string;
  let plain: string;
  let hrFile: string;
  const HR = "id,givenName,sn\nE1,Ann,Lee\nE2,Bob,Jones\nE3,Cid,Moe\n";

  /** An AD MA on `baseDn` joining on employeeID and provisioning HR's people as users there. */
  function adMa(name: string, baseDn: string, accountName: string, extra: Record<string, unknown> = {}) {
    return {
      name,
      type: "ldap",
      config: {
        url: ad.ldapsUrl,
        bindDn: ad.adminUpn,
        bindPassword: ad.adminPassword,
        baseDn,
        anchor: "objectGUID",
        objectTypes: { user: "person", group: "group" },
        attributes: ["cn", "sAMAccountName", "sn", "displayName", "employeeID", "description"],
        tlsCaFile: ad.caFile,
        tlsServerName: ad.serverName,
        deltaMethod: "dirsync",
        passwordMethod: "unicodePwd",
        ...extra,
      },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }], project: false }],
        provisioning: [{ name: "users", mvObjectType: "person", objectType: "person", dn: `'CN=' & displayName & ',${baseDn}'`, initial: { sAMAccountName: accountName } }],
        exportFlows: [
          { objectType: "person", mvObjectType: "person", mv: "sn", cs: "sn" },
          { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "displayName" },
          { objectType: "person", mvObjectType: "person", mv: "employeeID", cs: "employeeID" },
        ],
      },
    };
  }

  beforeAll(async () => {
    process.env.IDSYNC_BCRYPT_COST = "4";
    fresh = await freshSqlite();
    s = new Scenario(fresh.db);
    await s.model(PERSON, GROUP);
    hrFile = path.join(tempDir("ad-hr"), "hr.csv");
    fs.writeFileSync(hrFile, HR);
    const top = await freshOu();
    const n = ouCount;
    ou = `OU=Main,${top}`;
    plain = `OU=Plain,${top}`;
    await admin.add(ou, { objectClass: ["top", "organizationalUnit"], ou: "Main" });
    await admin.add(plain, { objectClass: ["top", "organizationalUnit"], ou: "Plain" });
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: hrFile, anchor: "id" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
        importFlows: [
          { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
          { objectType: "person", mvObjectType: "person", cs: "sn", mv: "sn" },
          { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
          // sAMAccountName is unique in the whole domain
          { objectType: "person", mvObjectType: "person", expression: `$lower($substring(givenName, 0, 1) & sn) & '${n}'`, mv: "accountName" },
        ],
      },
    });
    await s.ma(adMa("AD", ou, "accountName"));
    // A second MA on the same domain over plain ldap://, provisioning its own copy of each person.
    await s.ma(adMa("AD plain", plain, "accountName & 'p'", { url: ad.ldapUrl, tlsCaFile: "", tlsServerName: "" }));
  }, 120_000);

  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(path.dirname(hrFile), { recursive: true, force: true });
  });

  const csOf = async (ma: string, cn: string) => (await fresh.db.csObject.findMany({ where: { ma: { name: ma } } })).find((c) => c.dn.toLowerCase().startsWith(`cn=${cn.toLowerCase()},`));

  it("provisions HR's people as AD users, confirms them by a full import, then stages DirSync's update, rename and delete as such", async () => {
    for (const [ma, steps] of [["HR", ["full-import", "full-sync"]], ["AD", ["export", "full-import", "full-sync"]]] as const) {
      const out = await s.run(ma, ...steps);
      expect(out.status, `${ma} ${steps.join("+")}: ${out.message ?? ""}`).toBe("success");
    }
    const ann = await csOf("AD", "Ann Lee");
    expect(ann).toMatchObject({ state: "connector", anchor: await guidOf(`CN=Ann Lee,${ou}`) });
    const startMark = (await s.store.getMa("AD"))!.watermark;
    expect(Buffer.from(startMark!, "base64").length).toBeGreaterThan(20);

    await admin.modify(`CN=Ann Lee,${ou}`, [replace("description", ["on leave"])]);
    await admin.modifyDN(`CN=Bob Jones,${ou}`, "CN=Robert Jones");
    const cid = await csOf("AD", "Cid Moe");
    await admin.del(`CN=Cid Moe,${ou}`);

    const out = await s.run("AD", "delta-import");
    expect(out.status, out.message ?? "").toBe("success");
    expect(out.steps[0]!.stats).toMatchObject({ "import-update": 1, "import-rename": 1, "import-delete": 1 });
    expect(out.steps[0]!.stats["import-add"] ?? 0).toBe(0);
    const bob = await csOf("AD", "Robert Jones");
    expect(JSON.parse(String(bob!.pendingImport))).toMatchObject({ op: "rename", previousDn: `CN=Bob Jones,${ou}` });
    expect(await fresh.db.csObject.findUnique({ where: { id: cid!.id } })).toMatchObject({ deleted: true });
    expect((await s.store.getMa("AD"))!.watermark).not.toBe(startMark);
  });

  it("a help-desk reset sets the password over LDAPS and reports the plain ldap:// system's refusal beside it; the user then binds", async () => {
    const out = await s.run("AD plain", "export", "full-import", "full-sync");
    expect(out.status, out.message ?? "").toBe("success");
    for (const name of ["AD", "AD plain"]) {
      const { id } = await fresh.db.managementAgent.findUniqueOrThrow({ where: { name } });
      await upsertPasswordSettings({ maId: id, enabled: true, mustChangeAtNextLogon: false }, fresh.db);
    }
    const annMv = (await fresh.db.mvValue.findFirstOrThrow({ where: { attr: "employeeID", value: "E1" } })).mvId;
    const policy = passwordPolicySchema.parse({ minLength: 10, minClasses: 3, historyCount: 0 });
    const res = await resetPassword(desk, { mvId: annMv, generate: false, password: "Blue-Kettle-2026" }, { db: fresh.db, policy });
    expect(res.results.map((r) => [r.maName, r.status, r.code])).toEqual([
      ["AD", "success", null],
      ["AD plain", "failure", "ldap-password-needs-tls"],
      ["HR", "not-applicable", null],
    ]);
    await admin.modify(`CN=Ann Lee,${ou}`, replace("userAccountControl", ["512"]));
    await bindAs(`CN=Ann Lee,${ou}`, "Blue-Kettle-2026");
  });
});
