// LDAP benchmark in its own process, against one private slapd (dbnosync, accesslog on) started here.
// Every IdSync rate is set beside the raw rate of the same server measured in the same run, and the
// two are interleaved in rounds so that a load change on a shared machine weighs on both alike:
//  - export, in ROUNDS rounds of N/ROUNDS new inetOrgPerson entries each (the three paths below take
//    turns going first, as an add costs the server more once its database holds more): plain ldapts adds in the
//    shape IdSync's export uses (its connections x operations in flight); the same adds through the
//    connector's export session (batches of 500, as the engine sends them); and the engine's export
//    step (pending exports read from SQLite, each object's result and anchor recorded) after an HR
//    CSV provisioned the round's people (that import and sync are not timed);
//  - import of the N entries the export step wrote: a paged search with plain ldapts (same page size
//    and attributes), then the engine's first full-import step, which confirms the N exports; then
//    ROUNDS rounds of a raw paged search, the connector's full import alone, and the engine's
//    full-import step (now finding every entry unchanged);
//  - a delta import of a modify of every tenth entry, read from the accesslog.
// Prints readable lines, then one JSON line. usage: tsx bench/ldap-bench.ts [N] [ROUNDS]
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
// A multiple of 3: each of the three export paths goes first, second and third equally often.
const ROUNDS = Number(process.argv[3] ?? 3);
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

/** CPU seconds the slapd process has used so far (Linux /proc; 0 elsewhere). */
let slapdPid: number | undefined;
function slapdCpuSeconds(): number {
  try {
    const fields = fs.readFileSync(`/proc/${slapdPid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

/** Entries and seconds summed over rounds, with the CPU seconds of this process and of slapd meanwhile. */
class Tally {
  n = 0;
  seconds = 0;
  cpu = 0;
  serverCpu = 0;
  async time<T>(n: number, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const server = slapdCpuSeconds();
    const value = await fn();
    const used = process.cpuUsage(cpu);
    this.cpu += (used.user + used.system) / 1e6;
    this.serverCpu += slapdCpuSeconds() - server;
    this.seconds += (performance.now() - start) / 1000;
    this.n += n;
    return value;
  }
  get result() {
    return { n: this.n, seconds: Number(this.seconds.toFixed(2)), perSecond: Math.round(this.n / this.seconds), cpuSeconds: Number(this.cpu.toFixed(2)), slapdCpuSeconds: Number(this.serverCpu.toFixed(2)) };
  }
  /** How many times the raw time this took for the same number of entries (1.0: as fast as raw). */
  vs(raw: Tally) {
    return { ...this.result, vsRaw: Number((this.seconds / this.n / (raw.seconds / raw.n)).toFixed(2)) };
  }
}

async function main() {
  process.env.NOSYNC = "1"; // read by test/support/slapd/make-slapd-conf.sh: dbnosync
  const slapd = await startSlapd();
  slapdPid = slapd.pid;
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
    const sessionConfig: LdapConfig = ldapConnectorType.configSchema.parse(settings(sessionOu));
    const shape: Shape = { connections: 1, inFlight: sessionConfig.exportConcurrency };

    const s = new Scenario(db);
    const hr = path.join(bench.dir, "hr.csv");
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
      return out.steps.at(-1)!.stats;
    };

    // Export, in rounds.
    const rawAdd = new Tally();
    const sessionExport = new Tally();
    const stepExport = new Tally();
    const connector = ldapConnectorType.create(sessionConfig);
    const session = await connector.openExport!();
    const change = (i: number): ExportChange => ({ id: `cs${i}`, op: "add", objectType: "person", anchor: null, dn: `uid=E${i},${sessionOu}`, changes: {}, attrs: person(i) });
    for (let r = 0; r < ROUNDS; r++) {
      const from = Math.floor((r * N) / ROUNDS);
      const to = Math.floor(((r + 1) * N) / ROUNDS);
      const ids = Array.from({ length: to - from }, (_, k) => from + k);
      const raw = () => rawAdd.time(ids.length, () => rawAdds(creds, ids.map((i) => ({ dn: `uid=E${i},${rawOu}`, attrs: person(i) })), shape));
      const viaSession = () =>
        sessionExport.time(ids.length, async () => {
          for (let i = 0; i < ids.length; i += BATCH) {
            const results = await session.write(ids.slice(i, i + BATCH).map(change));
            const failed = results.filter((x) => !x.ok);
            if (failed.length) throw new Error(`${failed.length} export adds failed: ${failed[0]!.message}`);
          }
        });
      const viaStep = async () => {
        fs.writeFileSync(hr, ["id,givenName,sn,title,mail", ...Array.from({ length: to }, (_, i) => `E${i},Given${i},Sur${i},Engineer,e${i}@example.com`)].join("\n") + "\n");
        await run("HR", "full-import", "full-sync");
        const stats = await stepExport.time(ids.length, () => run("LDAP", "export"));
        if (stats["export-add"] !== ids.length) throw new Error(`the export step added ${stats["export-add"]} of ${ids.length}`);
      };
      // Each add costs the server more as its database grows, so the three take turns going first.
      const order = [raw, viaSession, viaStep];
      for (let k = 0; k < order.length; k++) await order[(k + r) % order.length]!();
    }
    await session.commit();
    await connector.close();

    // Import of the N entries the export step wrote.
    const stepConfig: LdapConfig = ldapConnectorType.configSchema.parse(settings(stepOu));
    const scope = new LdapScope(stepConfig);
    const search = async () => {
      const r = await rawPagedSearch(creds, stepOu, { filter: scope.filter, attributes: scope.attributes, pageSize: PAGE_SIZE });
      if (r.entries !== N) throw new Error(`the raw search saw ${r.entries} of ${N}`);
    };
    // The first full import confirms the exports, set beside raw searches just before and after it.
    const rawAroundConfirm = new Tally();
    const confirmImport = new Tally();
    await rawAroundConfirm.time(N, search);
    const confirmed = await confirmImport.time(N, () => run("LDAP", "full-import"));
    const seen = (confirmed["import-update"] ?? 0) + (confirmed["import-unchanged"] ?? 0);
    if (seen !== N || confirmed.errors) throw new Error(`the confirming import saw ${seen} of ${N} (${confirmed.errors ?? 0} errors)`);
    await rawAroundConfirm.time(N, search);
    const rawSearch = new Tally();
    const connectorImport = new Tally();
    const stepImport = new Tally();
    const reader = ldapConnectorType.create(stepConfig);
    for (let r = 0; r < ROUNDS; r++) {
      await rawSearch.time(N, search);
      await connectorImport.time(N, async () => {
        let objects = 0;
        for await (const batch of reader.fullImport({ batchSize: BATCH })) objects += batch.filter((b) => b.kind === "object").length;
        if (objects !== N) throw new Error(`imported ${objects} of ${N}`);
      });
      const stats = await stepImport.time(N, () => run("LDAP", "full-import"));
      if (stats["import-unchanged"] !== N) throw new Error(`the full import found ${stats["import-unchanged"]} of ${N} unchanged`);
    }

    // Delta import: a modify of every tenth entry, read back from the accesslog.
    const watermark = await reader.currentWatermark!();
    const modified = Math.floor(N / 10);
    for (let i = 0; i < modified; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, modified - i) }, (_, k) => admin.modify(`uid=E${(i + k) * 10},${stepOu}`, new Change({ operation: "replace", modification: new Attribute({ type: "title", values: ["Manager"] }) }))));
    }
    const deltaImport = new Tally();
    await deltaImport.time(modified, async () => {
      const delta = await reader.deltaImport!(watermark);
      let changes = 0;
      for await (const batch of delta.changes) changes += batch.length;
      if (changes !== modified) throw new Error(`delta import saw ${changes} changes, expected ${modified}`);
    });
    await reader.close();
    await admin.unbind();

    const report = {
      N,
      rounds: ROUNDS,
      shape,
      pageSize: PAGE_SIZE,
      rawAdd: rawAdd.result,
      exportSession: sessionExport.vs(rawAdd),
      exportStep: stepExport.vs(rawAdd),
      rawSearchAroundConfirm: rawAroundConfirm.result,
      importStepConfirming: confirmImport.vs(rawAroundConfirm),
      rawSearch: rawSearch.result,
      importConnector: connectorImport.vs(rawSearch),
      importStep: stepImport.vs(rawSearch),
      deltaImport: deltaImport.result,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    const line = (label: string, r: { perSecond: number; seconds: number; cpuSeconds: number; slapdCpuSeconds: number; vsRaw?: number }) =>
      `  ${label.padEnd(58)} ${String(r.perSecond).padStart(7)}/s ${r.seconds.toFixed(2).padStart(7)} s  cpu ${r.cpuSeconds.toFixed(2).padStart(6)} s + slapd ${r.slapdCpuSeconds.toFixed(2).padStart(6)} s${r.vsRaw !== undefined ? `  ${r.vsRaw.toFixed(2)}x the raw time` : ""}`;
    console.log(
      [
        `ldap (slapd dbnosync, accesslog on) N=${N} in ${ROUNDS} interleaved rounds; export ${shape.connections} connection(s) x ${shape.inFlight} in flight; pages of ${PAGE_SIZE}; peak RSS ${report.peakRssMb} MB`,
        line("raw ldapts adds (same shape)", report.rawAdd),
        line("IdSync export session (connector)", report.exportSession),
        line("IdSync export step (engine, SQLite, results recorded)", report.exportStep),
        line("raw ldapts paged search (before and after the next line)", report.rawSearchAroundConfirm),
        line("IdSync full-import step confirming the exports", report.importStepConfirming),
        line("raw ldapts paged search", report.rawSearch),
        line("IdSync full import (connector)", report.importConnector),
        line("IdSync full-import step (engine, SQLite, all unchanged)", report.importStep),
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
