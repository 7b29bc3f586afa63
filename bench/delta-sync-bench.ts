// Delta synchronization cost grows with the changes, not the size: seeds a metaverse of N people
// joined to an HR connector space (direct SQL, to skip an hour of full sync at N = 1,000,000),
// stages 1,000 changed csentries as a delta import would, and times the delta sync.
// usage: tsx bench/delta-sync-bench.ts <sqlite|postgres> [N] [changes]
import path from "node:path";
import { newId } from "../lib/engine/ids.ts";
import { benchDatabase } from "./bench-database.ts";
import { createDb } from "../lib/store/db.ts";
import { SqlSyncStore } from "../lib/store/sync-store.ts";
import { sqlDriverFor, closeSqlDrivers } from "../lib/store/sql-driver.ts";
import { insertRows, nowSql } from "../lib/store/sql-batch.ts";
import { upsertMa, upsertObjectType } from "../lib/store/config-records.ts";
import { runProfile } from "../lib/engine/run-profile.ts";
import { registryConnectorFactory } from "../lib/connectors/registry.ts";

const provider = (process.argv[2] ?? "sqlite") as "sqlite" | "postgres";
const N = Number(process.argv[3] ?? 1_000_000);
const CHANGES = Number(process.argv[4] ?? 1_000);

async function main() {
  const bench = await benchDatabase(provider, "delta");
  const { dir, target } = bench;
  const db = createDb(target);
  const attr = (name: string) => ({ name, type: "string" as const, multiValued: false, indexed: true, precedence: "ranked" as const });
  await upsertObjectType(db, { name: "person", attributes: ["employeeID", "givenName", "sn", "displayName", "title"].map(attr) });
  const flow = (cs: string, mv: string) => ({ objectType: "person", mvObjectType: "person", cs, mv });
  const maId = await upsertMa(db, {
    name: "HR",
    type: "csv",
    config: { path: path.join(dir, "hr.csv"), anchor: "id" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
      importFlows: [flow("id", "employeeID"), flow("givenName", "givenName"), flow("sn", "sn"), flow("title", "title"), { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" }],
    },
  });

  const d = await sqlDriverFor(target);
  const now = nowSql(d.dialect);
  const t0 = performance.now();
  const SEED = 20_000;
  for (let start = 0; start < N; start += SEED) {
    await d.transaction(async (tx) => {
      const mv: unknown[][] = [];
      const values: unknown[][] = [];
      const cs: unknown[][] = [];
      for (let i = start; i < Math.min(N, start + SEED); i++) {
        const mvId = newId();
        const a = { employeeID: [`E${i}`], givenName: [`G${i}`], sn: [`S${i}`], title: ["Engineer"], displayName: [`G${i} S${i}`] };
        const lin = Object.fromEntries(Object.keys(a).map((k) => [k, { maId, at: "2026-01-01T00:00:00Z" }]));
        mv.push([mvId, "person", JSON.stringify(a), JSON.stringify(lin)]);
        for (const [k, v] of Object.entries(a)) values.push([mvId, k, v[0], v[0].toLowerCase()]);
        const csA = { id: [`E${i}`], givenName: [`G${i}`], sn: [`S${i}`], title: ["Engineer"] };
        cs.push([newId(), maId, `E${i}`, `E${i}`, `e${i}`, "person", JSON.stringify(csA), "connector", mvId, "projection"]);
      }
      await insertRows(tx, "MvObject", ["id", "objectType", "attrs", "lineage"], mv, { createdAt: now, updatedAt: now });
      await insertRows(tx, "MvValue", ["mvId", "attr", "value", "valueKey"], values);
      await insertRows(tx, "CsObject", ["id", "maId", "anchor", "dn", "dnKey", "objectType", "attrs", "state", "mvId", "linkType"], cs, { deleted: provider === "sqlite" ? "0" : "false", createdAt: now, updatedAt: now });
    });
    if ((start / SEED) % 10 === 0) process.stderr.write(`\rseeded ${start + SEED}/${N}`);
  }
  process.stderr.write(`\nseeded ${N} mventries and csentries in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  // What a delta import leaves behind: changed attributes and a pending import on CHANGES csentries.
  const step = Math.floor(N / CHANGES);
  const rows = await d.all<{ id: string; anchor: string; attrs: string }>(`SELECT "id", "anchor", "attrs" FROM "CsObject" WHERE "maId" = ? AND "anchor" IN (${Array.from({ length: CHANGES }, () => "?").join(", ")})`, [maId, ...Array.from({ length: CHANGES }, (_, k) => `E${k * step}`)]);
  await d.transaction(async (tx) => {
    for (const r of rows) {
      const a = JSON.parse(r.attrs);
      a.title = ["Senior Engineer"];
      await tx.run(`UPDATE "CsObject" SET "attrs" = ?, "pendingImport" = ?, "pendingImportOp" = 'update' WHERE "id" = ?`, [JSON.stringify(a), JSON.stringify({ op: "update", changedAttrs: ["title"] }), r.id]);
    }
  });

  const store = SqlSyncStore.create(db);
  const ma = (await store.getMa("HR"))!;
  const run = await db.run.create({ data: { maId, profileName: "delta", trigger: "cli", startedBy: "bench", status: "in-progress" } });
  const c0 = process.cpuUsage();
  const s0 = performance.now();
  const outcome = await runProfile(store, registryConnectorFactory, { runId: run.id, ma, steps: [{ type: "delta-sync" }] });
  const seconds = (performance.now() - s0) / 1000;
  const cpu = process.cpuUsage(c0);
  if (outcome.status !== "success") throw new Error(`delta sync: ${outcome.status} ${outcome.message ?? ""}`);
  const updated = outcome.steps[0].stats["connectors-with-flow-updates"];
  const result = { provider, mventries: N, changes: rows.length, seconds: +seconds.toFixed(2), cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), updated, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  process.stderr.write(`${provider}: delta sync of ${rows.length} changes among ${N} mventries: ${seconds.toFixed(2)} s (${updated} connectors with flow updates)\n`);
  await db.$disconnect();
  await closeSqlDrivers();
  await bench.dispose();
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
