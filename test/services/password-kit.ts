// Shared world of the password tests: a fresh SQLite database, HR (CSV) projecting three people, and
// two LDAP MAs on the run's real slapd ("Directory" ou=people, "Partner" ou=partner) into which
// accounts were provisioned and exported; both manage passwords. breakMa() points an MA at a port
// where no slapd listens (a stopped server), restoreMa() points it back.
import fs from "node:fs";
import path from "node:path";
import { Client } from "ldapts";
import { addEntries, ldapConfig, ldapSandbox } from "../connectors/ldap-harness.ts";
import type { SessionUser } from "../../lib/auth/roles.ts";
import { upsertPasswordSettings } from "../../lib/store/password-queries.ts";
import { freePort } from "../support/slapd.ts";
import { freshSqlite, type FreshSqlite } from "../support/databases.ts";
import { testLdap } from "../support/test-ldap.ts";
import { GROUP, PERSON, Scenario, tempDir } from "../engine/scenario-kit.ts";

export const desk: SessionUser = { id: "h", username: "desk", displayName: "Desk", role: "helpdesk" };
export const boss: SessionUser = { id: "a", username: "boss", displayName: "Boss", role: "admin" };

export interface PasswordWorld {
  fresh: FreshSqlite;
  s: Scenario;
  people: string;
  partner: string;
  /** mvId of HR's E<n> */
  mvIdOf(employeeId: string): Promise<string>;
  maId(name: string): Promise<string>;
  /** true when a simple bind as `dn` with `password` succeeds */
  bindOk(dn: string, password: string): Promise<boolean>;
  breakMa(name: string): Promise<void>;
  restoreMa(name: string): Promise<void>;
  cleanup(): Promise<void>;
}

const HR = "id,givenName,sn,mail\nE1,Ann,Lee,ann.lee@example.com\nE2,Bob,Jones,bob.jones@example.com\nE3,Cid,Moe,\n";

function ldapMa(name: string, baseDn: string, container: string) {
  return {
    name,
    type: "ldap",
    config: ldapConfig(baseDn),
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "employeeNumber", mv: "employeeID" }] }], project: false }],
      provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: `'uid=' & accountName & ',${container}'`, initial: { uid: "accountName" } }],
      exportFlows: [
        { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
        { objectType: "person", mvObjectType: "person", mv: "sn", cs: "sn" },
        { objectType: "person", mvObjectType: "person", mv: "employeeID", cs: "employeeNumber" },
      ],
    },
  };
}

export async function passwordWorld(): Promise<PasswordWorld> {
  process.env.IDSYNC_BCRYPT_COST = "4";
  const fresh = await freshSqlite();
  const s = new Scenario(fresh.db);
  const dir = tempDir("password");
  const hrFile = path.join(dir, "hr.csv");
  fs.writeFileSync(hrFile, HR);
  const box = await ldapSandbox();
  const people = `ou=people,${box.dn}`;
  const partner = `ou=partner,${box.dn}`;
  await addEntries(box.client, [
    { dn: people, attrs: { objectClass: ["organizationalUnit"], ou: ["people"] } },
    { dn: partner, attrs: { objectClass: ["organizationalUnit"], ou: ["partner"] } },
  ]);
  await s.model(PERSON, GROUP);
  await s.ma({
    name: "HR",
    type: "csv",
    config: { path: hrFile, anchor: "id" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
      importFlows: [
        { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
        { objectType: "person", mvObjectType: "person", cs: "sn", mv: "sn" },
        { objectType: "person", mvObjectType: "person", cs: "mail", mv: "mail" },
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        { objectType: "person", mvObjectType: "person", expression: "$lower($substring(givenName, 0, 1) & sn)", mv: "accountName" },
      ],
    },
  });
  await s.ma(ldapMa("Directory", people, people));
  await s.ma(ldapMa("Partner", partner, partner));
  for (const [ma, steps] of [["HR", ["full-import", "full-sync"]], ["Directory", ["export"]], ["Partner", ["export"]]] as const) {
    const out = await s.run(ma, ...steps);
    if (out.status !== "success") throw new Error(`${ma} ${steps.join("+")}: ${out.status} ${out.message ?? ""}`);
  }
  const maId = async (name: string) => (await fresh.db.managementAgent.findUniqueOrThrow({ where: { name } })).id;
  for (const name of ["Directory", "Partner"]) await upsertPasswordSettings({ maId: await maId(name), enabled: true, mustChangeAtNextLogon: false }, fresh.db);

  const setUrl = async (name: string, url: string) => {
    const row = await fresh.db.managementAgent.findUniqueOrThrow({ where: { name } });
    await fresh.db.managementAgent.update({ where: { id: row.id }, data: { config: JSON.stringify({ ...JSON.parse(row.config), url }) } });
  };
  return {
    fresh,
    s,
    people,
    partner,
    async mvIdOf(employeeId) {
      return (await fresh.db.mvValue.findFirstOrThrow({ where: { attr: "employeeID", value: employeeId } })).mvId;
    },
    maId,
    async bindOk(dn, password) {
      const c = new Client({ url: testLdap().url, timeout: 5_000, connectTimeout: 5_000 });
      try {
        await c.bind(dn, password);
        return true;
      } catch {
        return false;
      } finally {
        await c.unbind().catch(() => {});
      }
    },
    async breakMa(name) {
      await setUrl(name, `ldap://127.0.0.1:${await freePort()}`);
    },
    async restoreMa(name) {
      await setUrl(name, testLdap().url);
    },
    async cleanup() {
      await fresh.cleanup();
      await box.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
