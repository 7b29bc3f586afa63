// LDAP benchmark in its own process, against one private slapd (dbnosync, accesslog on) started here.
// Every IdSync rate is printed beside the raw rate of the same server measured in the same run:
//  - raw adds: plain ldapts adds of N inetOrgPerson entries in the shape IdSync's export uses (its
//    connections x operations in flight), half before and half after IdSync's exports, so a load
//    change on a shared machine weighs on both sides alike;
//  - IdSync export through the connector's export session (batches of 500, as the engine sends
//    them), and through the engine's export step (pending exports read from SQLite, each object's
//    result and anchor recorded) after an HR CSV provisioned N people;
//  - raw paged search of those N entries (same page size and attributes), then IdSync's paged full
//    import through the connector and through the engine's full-import step;
//  - a delta import of a modify of every tenth entry, read from the accesslog.
// Prints one JSON line (rates, ratios to the raw rates, peak RSS). usage: tsx bench/ldap-bench.ts [N]
import fs from "node:fs";
import path from "node:path";
import { Attribute, Change, Client } from "ldapts";
import { ldapConnectorType } from "../lib/connectors/ldap/ldap-connector.ts";
import type { LdapConfig } from "../lib/connectors/ldap/ldap-config.ts";
import { LdapScope } from "../lib/connectors/ldap/ldap-scope.ts";
import type { ExportChange } from "../lib/engine/types.ts";
import { createDb } from "../lib/store/db.ts";
import { closeSqlDrivers } from "../lib/store/sql-driver.ts";
import { PERSON, Scenario } from "../test/engine/scenario-kit.ts";
import { startSlapd } from "../test/support/slapd.ts";
import { benchDatabase } from "./bench-database.ts";
import { rawAdds, rawPagedSearch, type Credentials, type Shape } from "./ldap-raw.ts";

const N = Number(process.argv[2] ?? 20_000);
const BATCH = 500;
const PAGE_SIZE = 1000;

/** Person i as the directory gets it: the attributes the engine's export flows below write. */
function person(i: number): Record<string, string[]> {
  return {
    objectClass: ["inetOrgPerson"],
    uid: [`E${i}`],
    cn: [`Given${i} Sur${i}`],
    sn: [`Sur${i}`],
    givenName: [`Given${i}`],
    displayName: [`Given${i} Sur${i}`],
    employeeNumber: [`E${i}`],
    mail: [`e${i}@example.com`],
    title: ["Engineer"],
  };
}

const rate = (n: number, seconds: number) => ({ n, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(n / seconds) });
/** How many times slower than raw (1.0 = as fast as raw). */
const ratio = (raw: number, idsync: number) => Number((raw / idsync).toFixed(2));

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

async function main() {
  process.env.NOSYNC = "1"; // read by test/support/slapd/make-slapd-conf.sh: dbnosync
  const slapd = await startSlapd();
  const bench = await benchDatabase("sqlite", "ldap");
  const db = createDb(bench.target);
  try {
    const creds: Credentials = { url: slapd.url, bindDn: slapd.adminDn, bindPassword: slapd.adminPassword };
    const admin = new Client({ url: slapd.url });
    await admin.bind(slapd.adminDn, slapd.adminPassword);
    const ou = async (name: string) => {
      const dn = `ou=${name},${slapd.baseDn}`;
      await admin.add(dn, [new Attribute({ type: "objectClass", values: ["organizationalUnit"] }), new Attribute({ type: "ou", values: [name] })]);
      return dn;
    };
    const [rawOu, sessionOu, stepOu] = [await ou("raw"), await ou("session"), `ou=people,${slapd.baseDn}`];
    const settings = (baseDn: string) => ({ url: slapd.url, bindDn: slapd.adminDn, bindPassword: slapd.adminPassword, baseDn, objectTypes: { inetOrgPerson: "person" }, pageSize: PAGE_SIZE });
    const config: LdapConfig = ldapConnectorType.configSchema.parse(settings(sessionOu));
    const shape: Shape = { connections: 1, inFlight: config.exportConcurrency };

    // Raw adds, first half.
    const rawEntries = Array.from({ length: N }, (_, i) => ({ dn: `uid=E${i},${rawOu}`, attrs: person(i) }));
    let rawAddSeconds = await rawAdds(creds, rawEntries.slice(0, N / 2), shape);

    // IdSync: the connector's export session alone.
    const connector = ldapConnectorType.create(config);
    const change = (i: number): ExportChange => ({ id: `cs${i}`, op: "add", objectType: "person", anchor: null, dn: `uid=E${i},${sessionOu}`, changes: {}, attrs: person(i) });
    const sessionExport = await timed(async () => {
      const session = await connector.openExport!();
      let failed = 0;
      for (let i = 0; i < N; i += BATCH) {
        const results = await session.write(Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => change(i + k)));
        failed += results.filter((r) => !r.ok).length;
      }
      await session.commit();
      if (failed) throw new Error(`${failed} export adds failed`);
    });
    await connector.close();

    // IdSync: the engine's export step, after an HR CSV provisioned N people.
    const s = new Scenario(db);
    const hr = path.join(bench.dir, "hr.csv");
    fs.writeFileSync(hr, ["id,givenName,sn,title,mail", ...Array.from({ length: N }, (_, i) => `E${i},Given${i},Sur${i},Engineer,e${i}@example.com`)].join("\n") + "\n");
    await s.model(PERSON);
    await s.ma({
      name: "HR",
      type: "csv",
      config: { path: hr, anchor: "id", objectType: "person" },
      rules: {
        joinProjection: [{ objectType: "person", mvObjectType: "person", project: true }],
        importFlows: [
          ...["givenName", "sn", "title", "mail"].map((a) => ({ objectType: "person", mvObjectType: "person", cs: a, mv: a })),
          { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
          { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        ],
      },
    });
    await s.ma({
      name: "LDAP",
      type: "ldap",
      config: settings(stepOu),
      rules: {
        provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: `'uid=' & employeeID & ',${stepOu}'`, initial: { uid: "employeeID" } }],
        exportFlows: [
          ...["givenName", "sn", "title", "mail", "displayName"].map((a) => ({ objectType: "person", mvObjectType: "person", mv: a, cs: a })),
          { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
          { objectType: "person", mvObjectType: "person", mv: "employeeID", cs: "employeeNumber" },
        ],
      },
    });
    const run = async (ma: string, ...steps: ("full-import" | "full-sync" | "export")[]) => {
      const out = await s.run(ma, ...steps);
      if (out.status !== "success") throw new Error(`${ma} ${steps.join("+")}: ${out.status} ${out.message ?? ""}`);
      return out;
    };
    await run("HR", "full-import", "full-sync");
    const stepExport = await timed(async () => {
      const out = await run("LDAP", "export");
      if (out.steps[0]!.stats["export-add"] !== N) throw new Error(`the export step added ${out.steps[0]!.stats["export-add"]} of ${N}`);
    });

    // Raw adds, second half.
    rawAddSeconds += await rawAdds(creds, rawEntries.slice(N / 2), shape);

    // Paged reads of the N entries the export step wrote: raw, the connector, the engine's step.
    const stepConfig: LdapConfig = ldapConnectorType.configSchema.parse(settings(stepOu));
    const scope = new LdapScope(stepConfig);
    const rawSearch = await rawPagedSearch(creds, stepOu, { filter: scope.filter, attributes: scope.attributes, pageSize: PAGE_SIZE });
    if (rawSearch.entries !== N) throw new Error(`the raw search saw ${rawSearch.entries} of ${N}`);
    const reader = ldapConnectorType.create(stepConfig);
    const connectorImport = await timed(async () => {
      let objects = 0;
      for await (const batch of reader.fullImport({ batchSize: BATCH })) objects += batch.filter((b) => b.kind === "object").length;
      if (objects !== N) throw new Error(`imported ${objects} of ${N}`);
    });
    const stepImport = await timed(() => run("LDAP", "full-import"));

    // Delta import: a modify of every tenth entry, read back from the accesslog.
    const watermark = await reader.currentWatermark!();
    const modified = Math.floor(N / 10);
    for (let i = 0; i < modified; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, modified - i) }, (_, k) => admin.modify(`uid=E${(i + k) * 10},${stepOu}`, new Change({ operation: "replace", modification: new Attribute({ type: "title", values: ["Manager"] }) }))));
    }
    const deltaImport = await timed(async () => {
      const delta = await reader.deltaImport!(watermark);
      let changes = 0;
      for await (const batch of delta.changes) changes += batch.length;
      if (changes !== modified) throw new Error(`delta import saw ${changes} changes, expected ${modified}`);
    });
    await reader.close();
    await admin.unbind();

    const rawAdd = rate(N, rawAddSeconds);
    const exportSession = rate(N, sessionExport.seconds);
    const exportStep = rate(N, stepExport.seconds);
    const rawRead = rate(N, rawSearch.seconds);
    const importConnector = rate(N, connectorImport.seconds);
    const importStep = rate(N, stepImport.seconds);
    const report = {
      N,
      shape,
      pageSize: PAGE_SIZE,
      rawAdd,
      exportSession: { ...exportSession, vsRaw: ratio(rawAdd.perSecond, exportSession.perSecond) },
      exportStep: { ...exportStep, vsRaw: ratio(rawAdd.perSecond, exportStep.perSecond) },
      rawSearch: rawRead,
      importConnector: { ...importConnector, vsRaw: ratio(rawRead.perSecond, importConnector.perSecond) },
      importStep: { ...importStep, vsRaw: ratio(rawRead.perSecond, importStep.perSecond) },
      deltaImport: rate(modified, deltaImport.seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    const line = (label: string, r: { perSecond: number; seconds: number }, vs?: string) => `  ${label.padEnd(54)} ${String(r.perSecond).padStart(7)} entries/s ${String(r.seconds).padStart(7)} s${vs ? `  ${vs}` : ""}`;
    const x = (v: number) => `${v.toFixed(2)}x the raw time`;
    console.log(
      [
        `ldap (slapd dbnosync, accesslog on) N=${N}, export ${shape.connections} connection(s) x ${shape.inFlight} in flight, pages of ${PAGE_SIZE}; peak RSS ${report.peakRssMb} MB`,
        line("raw ldapts adds (same shape)", rawAdd),
        line("IdSync export session (connector)", exportSession, x(report.exportSession.vsRaw)),
        line("IdSync export step (engine, SQLite, results recorded)", exportStep, x(report.exportStep.vsRaw)),
        line("raw ldapts paged search", rawRead),
        line("IdSync full import (connector)", importConnector, x(report.importConnector.vsRaw)),
        line("IdSync full-import step (engine, SQLite, confirms)", importStep, x(report.importStep.vsRaw)),
        line(`delta import (accesslog, ${modified} modifies)`, report.deltaImport),
      ].join("\n"),
    );
    console.log(JSON.stringify(report));
  } finally {
    await db.$disconnect();
    await closeSqlDrivers();
    await bench.dispose();
    await slapd.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
