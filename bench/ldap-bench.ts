// LDAP connector benchmark in its own process: starts a private slapd (dbnosync, as the raw rates
// in /work/shared/notes/slapd.md were measured with, accesslog on), exports N inetOrgPerson adds
// through an export session (batches of 500, as the engine sends them), full-imports them back
// with paged searches, then delta-imports a modify of every tenth entry from the accesslog.
// Prints rows/s and peak RSS as one JSON line. usage: tsx bench/ldap-bench.ts [N]
import { Attribute, Change, Client } from "ldapts";
import { ldapConnectorType } from "../lib/connectors/ldap/ldap-connector.ts";
import type { ExportChange } from "../lib/engine/types.ts";
import { startSlapd } from "../test/support/slapd.ts";

const N = Number(process.argv[2] ?? 20_000);
const BATCH = 500;

async function main() {
  process.env.NOSYNC = "1"; // read by test/support/slapd/make-slapd-conf.sh: dbnosync
  const slapd = await startSlapd();
  try {
    const config = ldapConnectorType.configSchema.parse({
      url: slapd.url,
      bindDn: slapd.adminDn,
      bindPassword: slapd.adminPassword,
      baseDn: `ou=people,${slapd.baseDn}`,
      objectTypes: { inetOrgPerson: "person" },
      pageSize: 1000,
    });
    const connector = ldapConnectorType.create(config);
    const person = (i: number): ExportChange => ({
      id: `cs${i}`,
      op: "add",
      objectType: "person",
      anchor: null,
      dn: `uid=user${i},ou=people,${slapd.baseDn}`,
      changes: {},
      attrs: { uid: [`user${i}`], cn: [`Given${i} Sur${i}`], sn: [`Sur${i}`], givenName: [`Given${i}`], displayName: [`Gïven${i} Sür${i}`], employeeNumber: [String(i)], mail: [`user${i}@one.example`, `user${i}@two.example`], title: ["Engineer"] },
    });

    let start = performance.now();
    const session = await connector.openExport!();
    let failed = 0;
    for (let i = 0; i < N; i += BATCH) {
      const results = await session.write(Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => person(i + k)));
      failed += results.filter((r) => !r.ok).length;
    }
    await session.commit();
    const exportSeconds = (performance.now() - start) / 1000;
    if (failed) throw new Error(`${failed} export adds failed`);

    const watermark = await connector.currentWatermark!();
    start = performance.now();
    let objects = 0;
    for await (const batch of connector.fullImport({ batchSize: 500 })) objects += batch.filter((b) => b.kind === "object").length;
    const importSeconds = (performance.now() - start) / 1000;
    if (objects !== N) throw new Error(`imported ${objects} of ${N}`);

    const client = new Client({ url: slapd.url });
    await client.bind(slapd.adminDn, slapd.adminPassword);
    const modified = Math.floor(N / 10);
    for (let i = 0; i < modified; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, modified - i) }, (_, k) => client.modify(`uid=user${(i + k) * 10},ou=people,${slapd.baseDn}`, new Change({ operation: "replace", modification: new Attribute({ type: "title", values: ["Manager"] }) }))));
    }
    await client.unbind();
    start = performance.now();
    const delta = await connector.deltaImport!(watermark);
    let changes = 0;
    for await (const batch of delta.changes) changes += batch.length;
    const deltaSeconds = (performance.now() - start) / 1000;
    if (changes !== modified) throw new Error(`delta import saw ${changes} changes, expected ${modified}`);
    await connector.close();

    const rate = (n: number, s: number) => ({ n, seconds: Number(s.toFixed(2)), perSecond: Math.round(n / s) });
    console.log(JSON.stringify({ exportAdds: rate(N, exportSeconds), fullImport: rate(N, importSeconds), deltaImport: rate(modified, deltaSeconds), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  } finally {
    await slapd.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
