// One MA's configuration as YAML (the MA page's download and upload) on both providers: exported
// without any secret, applied back with the stored secrets kept, refused with problems that name
// the path and the line, and nothing changed on a refusal.
import { beforeAll, expect, it } from "vitest";
import YAML from "yaml";
import { forEachProvider } from "../support/databases.ts";
import { GROUP, PERSON, Scenario } from "../engine/scenario-kit.ts";
import { applyConfig, applyMaConfig, checkConfig, exportConfig, exportMaConfig } from "../../lib/services/config-as-code.ts";
import { decryptConfigSecrets } from "../../lib/store/secrets.ts";
import { admin, helpdesk } from "./console-kit.ts";

const person = { objectType: "person", mvObjectType: "person" };
const BIND_PASSWORD = "ldap-Secret-9431";
const SQL_PASSWORD = "sql-Secret-2207";

forEachProvider((ctx) => {
  const id: Record<string, string> = {};

  beforeAll(async () => {
    const s = new Scenario(ctx.db);
    await s.model(PERSON, GROUP);
    id.HR = await s.ma({
      name: "HR", type: "csv", description: "the HR export", config: { path: "/data/hr.csv", anchor: "id" },
      rules: {
        joinProjection: [{ ...person, join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
        importFlows: [{ ...person, cs: "id", mv: "employeeID" }, { ...person, expression: "givenName & ' ' & sn", mv: "displayName", precedence: 10 }],
      },
      safety: { errorLimit: 50 },
      runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }] }, { name: "Nightly", steps: [{ type: "full-import" }, { type: "full-sync" }], schedule: "0 2 * * *" }],
    });
    id.Directory = await s.ma({
      name: "Directory", type: "ldap",
      config: { url: "ldap://ldap.example.com:389", bindDn: "cn=idsync,dc=example,dc=com", bindPassword: BIND_PASSWORD, baseDn: "dc=example,dc=com" },
      rules: { exportFlows: [{ ...person, cs: "displayName", mv: "displayName" }] },
      runProfiles: [{ name: "Export", steps: [{ type: "export" }] }],
    });
    id.Db = await s.ma({
      name: "Db", type: "sql", config: { dialect: "postgres", host: "db.example.com", database: "hr", user: "idsync", password: SQL_PASSWORD, table: "people", anchor: "id" }, rules: {},
    });
  });

  const storedConfig = async (name: string) => decryptConfigSecrets(JSON.parse((await ctx.db.managementAgent.findUniqueOrThrow({ where: { name } })).config));

  it("exports one MA as a document of its own, without secrets in any form", async () => {
    const { maName, yaml } = await exportMaConfig(admin, id.HR!, ctx.db);
    expect(maName).toBe("HR");
    expect(yaml.startsWith('# IdSync: the configuration of management agent "HR"')).toBe(true);
    const doc = YAML.parse(yaml);
    expect(Object.keys(doc)).toEqual(["managementAgents"]);
    expect(doc.managementAgents).toHaveLength(1);
    expect(doc.managementAgents[0]).toMatchObject({
      name: "HR", type: "csv", description: "the HR export", config: { path: "/data/hr.csv", anchor: "id" }, safety: { errorLimit: 50 }, stagingMode: false,
      runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }] }, { name: "Nightly", steps: [{ type: "full-import" }, { type: "full-sync" }], schedule: "0 2 * * *" }],
    });
    expect(doc.managementAgents[0].rules.importFlows[1]).toMatchObject({ expression: "givenName & ' ' & sn", precedence: 10 });

    for (const [ma, secret, field] of [["Directory", BIND_PASSWORD, "bindPassword"], ["Db", SQL_PASSWORD, "password"]] as const) {
      const out = (await exportMaConfig(admin, id[ma]!, ctx.db)).yaml;
      expect(out).not.toContain(secret);
      expect(out).not.toContain("enc:v1");
      expect(out).not.toContain(field);
      expect(out).not.toContain("********");
    }
    expect(await ctx.db.auditEvent.count({ where: { action: "ma.config.export", target: "HR" } })).toBe(1);
    await expect(exportMaConfig(helpdesk, id.HR!, ctx.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportMaConfig(admin, "no-such-ma", ctx.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("applies an edited download back to the MA, keeping the secrets it leaves out", async () => {
    const doc = YAML.parse((await exportMaConfig(admin, id.Directory!, ctx.db)).yaml);
    doc.managementAgents[0].config.baseDn = "ou=people,dc=example,dc=com";
    doc.managementAgents[0].runProfiles.push({ name: "Full Import", steps: [{ type: "full-import" }] });
    expect(await applyMaConfig(admin, id.Directory!, YAML.stringify(doc), ctx.db)).toEqual({ maName: "Directory", runProfiles: 2 });
    expect(await storedConfig("Directory")).toMatchObject({ baseDn: "ou=people,dc=example,dc=com", bindPassword: BIND_PASSWORD });
    expect((await ctx.db.runProfile.findMany({ where: { maId: id.Directory }, orderBy: { name: "asc" } })).map((p) => p.name)).toEqual(["Export", "Full Import"]);
    expect(await ctx.db.auditEvent.count({ where: { action: "ma.config.apply", target: "Directory" } })).toBe(1);

    // A document that sets the secret replaces it (encrypted at rest).
    doc.managementAgents[0].config.bindPassword = "a-New-one-77";
    await applyMaConfig(admin, id.Directory!, YAML.stringify(doc), ctx.db);
    expect(await storedConfig("Directory")).toMatchObject({ bindPassword: "a-New-one-77" });
    expect((await ctx.db.managementAgent.findUniqueOrThrow({ where: { name: "Directory" } })).config).not.toContain("a-New-one-77");
    await expect(applyMaConfig(helpdesk, id.Directory!, YAML.stringify(doc), ctx.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a broken document naming the path and the line, and changes nothing", async () => {
    const before = await ctx.db.managementAgent.findUniqueOrThrow({ where: { name: "HR" } });
    const exported = (await exportMaConfig(admin, id.HR!, ctx.db)).yaml;
    const lineOfText = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const refusal = async (text: string) => {
      const e = await applyMaConfig(admin, id.HR!, text, ctx.db).then(() => null, (x: unknown) => x as { code: string; message: string; details: { path: string; message: string; line?: number }[] });
      expect(e).toMatchObject({ code: "CONFIG_INVALID" });
      return e!;
    };

    const badExpression = exported.replace("givenName & ' ' & sn", "givenName & & sn");
    const e1 = await refusal(badExpression);
    expect(e1.details[0]).toMatchObject({ path: "managementAgents[0] (HR).rules.importFlows[1].expression", line: lineOfText(badExpression, "givenName & & sn") });
    expect(e1.message).toContain(`managementAgents[0] (HR).rules.importFlows[1].expression (line ${lineOfText(badExpression, "givenName & & sn")}):`);

    const e2 = await refusal(exported.replace("type: full-sync", "type: fullsync"));
    expect(e2.details[0]).toMatchObject({ path: "managementAgents[0].runProfiles[1].steps[1].type", line: lineOfText(exported, "type: full-sync") });

    const e3 = await refusal(exported.replace("path: /data/hr.csv", "path: /data/hr.csv\n      bogus: 1"));
    expect(e3.details[0]!.path).toBe("managementAgents[0] (HR).config");
    expect(e3.details[0]!.message).toContain("bogus");

    const e4 = await refusal(exported + "  - name: [unclosed\n");
    expect(e4.details[0]!.path).toMatch(/^line \d+, column \d+$/);

    const e5 = await refusal(exported.replace("name: HR", "name: HR2"));
    expect(e5.details).toEqual([{ path: "managementAgents[0].name", message: 'this is the configuration of "HR2", not of "HR" (the name cannot change here)', line: lineOfText(exported, "name: HR") }]);

    const e6 = await refusal(exported.replace("type: csv", "type: delimited"));
    expect(e6.details[0]!.message).toContain("connector type cannot change");

    const other = (await exportMaConfig(admin, id.Db!, ctx.db)).yaml;
    const e7 = await refusal(exported + other.replace(/^#.*\n/gm, "").replace("managementAgents:\n", ""));
    expect(e7.details[0]).toMatchObject({ path: "managementAgents", message: "the document holds 2 management agents; it must hold exactly one: HR", line: lineOfText(exported, "managementAgents:") });

    const e8 = await refusal("metaverse:\n  objectTypes:\n    - { name: thing, attributes: [] }\n" + exported);
    expect(e8.details[0]).toMatchObject({ path: "metaverse", line: 1 });

    expect(await ctx.db.managementAgent.findUniqueOrThrow({ where: { name: "HR" } })).toEqual(before);
    expect(await ctx.db.mvObjectType.count({ where: { name: "thing" } })).toBe(0);
    expect(await ctx.db.auditEvent.count({ where: { action: "ma.config.apply", target: "HR" } })).toBe(0);
  });

  it("the whole configuration round-trips too, an LDAP MA's stored bind password standing in for the one left out", async () => {
    const whole = await exportConfig(admin, ctx.db);
    expect(whole).not.toContain("bindPassword");
    expect(await applyConfig(admin, whole, ctx.db)).toEqual({ objectTypes: 2, managementAgents: 3 });
    expect(await storedConfig("Directory")).toMatchObject({ bindPassword: "a-New-one-77" });
    // Without a stored one the password is required, as before.
    const fresh = checkConfig(whole.replace(/name: Directory/, "name: Directory9"));
    expect(fresh.ok).toBe(false);
    if (!fresh.ok) expect(fresh.problems).toEqual([expect.objectContaining({ path: "managementAgents[1] (Directory9).config.bindPassword" })]);
  });

  it("carries each MA's password management: applied, exported, refused where the connector cannot set passwords", async () => {
    const doc = YAML.parse(await exportConfig(admin, ctx.db));
    const entry = (name: string) => doc.managementAgents.find((m: { name: string }) => m.name === name);
    expect(entry("Directory").passwordManagement).toBeUndefined();
    entry("Directory").passwordManagement = { enabled: true, mustChangeAtNextLogon: true };
    await applyConfig(admin, YAML.stringify(doc), ctx.db);
    expect(await ctx.db.maPasswordSettings.findUnique({ where: { maId: id.Directory! } })).toMatchObject({ enabled: true, mustChangeAtNextLogon: true });
    const again = YAML.parse((await exportMaConfig(admin, id.Directory!, ctx.db)).yaml);
    expect(again.managementAgents[0].passwordManagement).toEqual({ enabled: true, mustChangeAtNextLogon: true });

    entry("HR").passwordManagement = { enabled: true };
    const text = YAML.stringify(doc);
    const refused = checkConfig(text, { storedSecrets: new Map([["Directory", new Set(["bindPassword"])], ["Db", new Set(["password"])]]) });
    expect(refused.ok).toBe(false);
    const hr = doc.managementAgents.findIndex((m: { name: string }) => m.name === "HR");
    if (!refused.ok) {
      expect(refused.problems).toEqual([{ path: `managementAgents[${hr}] (HR).passwordManagement.enabled`, message: "the csv connector cannot set passwords", line: expect.any(Number) }]);
      expect(text.split("\n")[refused.problems[0]!.line! - 1]).toContain("enabled: true");
    }
    await expect(applyConfig(admin, text, ctx.db)).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    expect(await ctx.db.maPasswordSettings.findUnique({ where: { maId: id.HR! } })).toBeNull();
  });
});
