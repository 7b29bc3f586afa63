// The engine end to end with a real directory: an HR CSV projects people and a group, accounts
// (inetOrgPerson) and a groupOfNames with member references are provisioned into slapd, exported,
// and seen again by a delta import from the accesslog; then a membership change in HR reaches the
// LDAP group as value adds and removes, not a replacement of the whole member list.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEntries, ldapConfig, ldapSandbox } from "../connectors/ldap-harness.ts";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { adminClient } from "../support/test-ldap.ts";
import { GROUP, PERSON, Scenario, tempDir } from "./scenario-kit.ts";

const HR_HEADER = "type,id,givenName,sn,title,status,member";
const hrRows = (rows: string[]) => [HR_HEADER, ...rows].join("\n") + "\n";

describe.each(PROVIDERS)("HR -> LDAP directory scenario on %s", (provider) => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let dir: string;
  let hrFile: string;
  let box: Awaited<ReturnType<typeof ldapSandbox>>;
  let people: string;
  let groups: string;

  /** The LDAP entry at `dn` (user attributes), or null. */
  async function entry(dn: string): Promise<Record<string, string[]> | null> {
    const { searchEntries } = await box.client.search(dn, { scope: "base" }).catch(() => ({ searchEntries: [] }));
    const e = searchEntries[0];
    if (!e) return null;
    return Object.fromEntries(Object.entries(e).filter(([k]) => k !== "dn").map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
  }

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    s = new Scenario(fresh.db);
    dir = tempDir("ldap-scenario");
    hrFile = path.join(dir, "hr.csv");
    box = await ldapSandbox();
    people = `ou=people,${box.dn}`;
    groups = `ou=groups,${box.dn}`;
    await addEntries(box.client, [
      { dn: people, attrs: { objectClass: ["organizationalUnit"], ou: ["people"] } },
      { dn: groups, attrs: { objectClass: ["organizationalUnit"], ou: ["groups"] } },
    ]);
    fs.writeFileSync(hrFile, hrRows(["person,E1,Ann,Lee,Engineer,active,", "person,E2,Bob,Jones,,active,", "person,E3,Cid,Moe,Clerk,active,", "group,Staff,,,,,E1|E2"]));
    await s.model(PERSON, GROUP);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: hrFile, anchor: "id", objectTypeColumn: "type", multiValued: ["member"], referenceColumns: ["member"] },
      rules: {
        joinProjection: [
          { objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true },
          { objectType: "group", mvObjectType: "group", project: true },
        ],
        importFlows: [
          { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
          { objectType: "person", mvObjectType: "person", cs: "givenName", mv: "givenName" },
          { objectType: "person", mvObjectType: "person", cs: "sn", mv: "sn" },
          { objectType: "person", mvObjectType: "person", cs: "status", mv: "status" },
          { objectType: "person", mvObjectType: "person", cs: "title", mv: "title" },
          { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
          { objectType: "person", mvObjectType: "person", expression: "$lower($substring(givenName, 0, 1) & sn)", mv: "accountName" },
          { objectType: "group", mvObjectType: "group", cs: "id", mv: "cn" },
          { objectType: "group", mvObjectType: "group", cs: "member", mv: "member" },
        ],
      },
    });
    await s.ma({
      name: "LDAP",
      type: "ldap",
      config: ldapConfig(box.dn),
      rules: {
        provisioning: [
          { name: "accounts", mvObjectType: "person", condition: "status != 'terminated'", objectType: "person", dn: `'uid=' & accountName & ',${people}'`, initial: { uid: "accountName" } },
          { name: "groups", mvObjectType: "group", objectType: "group", dn: `'cn=' & cn & ',${groups}'` },
        ],
        exportFlows: [
          { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
          { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "displayName" },
          { objectType: "person", mvObjectType: "person", mv: "givenName", cs: "givenName" },
          { objectType: "person", mvObjectType: "person", mv: "sn", cs: "sn" },
          { objectType: "person", mvObjectType: "person", mv: "employeeID", cs: "employeeNumber" },
          { objectType: "person", mvObjectType: "person", mv: "title", cs: "title" },
          { objectType: "group", mvObjectType: "group", mv: "cn", cs: "cn" },
          { objectType: "group", mvObjectType: "group", mv: "member", cs: "member" },
        ],
        deprovision: "delete",
      },
    });
  }, 120_000);

  afterAll(async () => {
    await fresh?.cleanup();
    await box?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("takes the directory's watermark with a full import of the (empty) subtree", async () => {
    const out = await s.run("LDAP", "full-import");
    expect(out.status).toBe("success");
    expect((await s.store.getMa("LDAP"))!.watermark).toMatch(/^\d{14}\.\d{6}Z$/);
  });

  it("projects HR and provisions accounts and a group with member DNs into LDAP", async () => {
    const hr = await s.run("HR", "full-import", "full-sync");
    expect(hr.status).toBe("success");
    expect(hr.steps[1].stats["provisioning-adds"]).toBe(4);
    const exp = await s.run("LDAP", "export");
    expect(exp.status).toBe("success");
    expect(exp.steps[0].stats["export-add"]).toBe(4);
    const ann = await entry(`uid=alee,${people}`);
    expect(ann).toMatchObject({ objectClass: ["inetOrgPerson"], cn: ["Ann Lee"], sn: ["Lee"], employeeNumber: ["E1"], title: ["Engineer"] });
    const staff = await entry(`cn=Staff,${groups}`);
    expect(staff!.member.sort()).toEqual([`uid=alee,${people}`, `uid=bjones,${people}`]);
    // Each provisioned csentry got its entryUUID from the export.
    const anchors = await fresh.db.csObject.findMany({ where: { ma: { name: "LDAP" } }, select: { anchor: true } });
    expect(anchors.every((a) => /^[0-9a-f-]{36}$/.test(a.anchor ?? ""))).toBe(true);
  });

  it("a delta import from the accesslog sees the exported entries; nothing is left to export", async () => {
    const imp = await s.run("LDAP", "delta-import", "delta-sync");
    expect(imp.status).toBe("success");
    const stats = imp.steps[0].stats;
    expect((stats["import-update"] ?? 0) + (stats["import-unchanged"] ?? 0)).toBe(4);
    expect(stats["import-add"]).toBeUndefined();
    // The accesslog reports the exported adds whole, so the delta import already confirms them.
    expect(stats["exported-change-not-reimported"]).toBeUndefined();
    expect(await fresh.db.pendingExport.count()).toBe(0);
    // A full import then finds nothing left to confirm or to report.
    const full = await s.run("LDAP", "full-import", "delta-sync");
    expect(full.status).toBe("success");
    expect(full.steps[0].stats["exported-change-not-reimported"]).toBeUndefined();
    expect(await fresh.db.pendingExport.count()).toBe(0);
  });

  it("a membership change in HR reaches the LDAP group as value adds and removes", async () => {
    const since = (await s.store.getMa("LDAP"))!.watermark!;
    fs.writeFileSync(hrFile, hrRows(["person,E1,Ann,Lee,Engineer,active,", "person,E2,Bob,Jones,,active,", "person,E3,Cid,Moe,Clerk,active,", "group,Staff,,,,,E1|E3"]));
    const hr = await s.run("HR", "full-import", "delta-sync");
    expect(hr.status).toBe("success");
    const pe = await fresh.db.pendingExport.findMany({ where: { maId: (await s.store.getMa("LDAP"))!.id } });
    expect(pe).toHaveLength(1);
    const changes = JSON.parse(String(pe[0]!.changes)) as Record<string, { add?: string[]; remove?: string[]; replace?: string[] }>;
    expect(changes.member).toEqual({ add: [`uid=cmoe,${people}`], remove: [`uid=bjones,${people}`] });

    const exp = await s.run("LDAP", "export");
    expect(exp.status).toBe("success");
    expect(exp.steps[0].stats["export-update"]).toBe(1);
    expect((await entry(`cn=Staff,${groups}`))!.member.sort()).toEqual([`uid=alee,${people}`, `uid=cmoe,${people}`]);
    // The directory logged value-level modifications of member, not a replace.
    const admin = await adminClient();
    try {
      const { searchEntries } = await admin.search("cn=accesslog", { scope: "one", filter: `(&(reqType=modify)(reqDN=cn=Staff,${groups})(reqEnd>=${since}))`, attributes: ["reqMod"] });
      const mods = searchEntries.flatMap((e) => (Array.isArray(e.reqMod) ? e.reqMod : [e.reqMod]).map(String)).filter((m) => m.startsWith("member:"));
      expect(mods.sort()).toEqual([`member:+ uid=cmoe,${people}`, `member:- uid=bjones,${people}`]);
    } finally {
      await admin.unbind();
    }
    const imp = await s.run("LDAP", "delta-import", "delta-sync");
    expect(imp.status).toBe("success");
    expect(imp.steps[0].stats["import-update"]).toBe(1);
  });
});
