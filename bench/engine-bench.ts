// One engine benchmark in its own process (so peak RSS is this run's own): generates N people in
// an HR CSV and a second source joining half of them, then full import, full sync, export, and a
// delta round with 1% changed. Prints objects/s per step and peak RSS as one JSON line.
// usage: tsx bench/engine-bench.ts <sqlite|postgres> <N>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase } from "./bench-database.ts";
import { createDb } from "../lib/store/db.ts";
import { SqlSyncStore } from "../lib/store/sync-store.ts";
import { upsertMa, upsertObjectType } from "../lib/store/config-records.ts";
import { runProfile } from "../lib/engine/run-profile.ts";
import { registryConnectorFactory } from "../lib/connectors/registry.ts";
import type { StepType } from "../lib/engine/types.ts";

const provider = (process.argv[2] ?? "sqlite") as "sqlite" | "postgres";
const N = Number(process.argv[3] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-bench-"));
const hr = path.join(dir, "hr.csv");
const badge = path.join(dir, "badge.csv");
const target = path.join(dir, "directory.csv");

/** Writes a generated file honouring backpressure, so the bench's own data never sits in memory. */
async function writeLines(file: string, header: string, count: number, line: (i: number) => string | null): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(header);
  for (let i = 0; i < count; i++) {
    const text = line(i);
    if (text !== null && !out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function writeHr(changedEvery = 0): Promise<void> {
  return writeLines(hr, "id,givenName,sn,title,department\n", N, (i) => {
    const title = changedEvery && i % changedEvery === 0 ? "Senior Engineer" : "Engineer";
    return `E${i},Given${i},Sur${i},${title},D${i % 50}\n`;
  });
}


async function main() {
  const bench = await benchDatabase(provider, "engine");
  const targetDb = bench.target;
  const db = createDb(targetDb);
  const store = SqlSyncStore.create(db);
  const attr = (name: string) => ({ name, type: "string" as const, multiValued: false, indexed: true, precedence: "ranked" as const });
  await upsertObjectType(db, { name: "person", attributes: ["employeeID", "givenName", "sn", "displayName", "title", "department", "badgeId", "accountName"].map(attr) });
  await writeHr();
  await writeLines(badge, "badgeId,employeeID\n", N, (i) => (i % 2 === 0 ? `B${i},E${i}\n` : null));
  const flow = (cs: string, mv: string) => ({ objectType: "person", mvObjectType: "person", cs, mv });
  await upsertMa(db, {
    name: "HR", type: "csv", config: { path: hr, anchor: "id" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
      importFlows: [flow("id", "employeeID"), flow("givenName", "givenName"), flow("sn", "sn"), flow("title", "title"), flow("department", "department"),
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        { objectType: "person", mvObjectType: "person", expression: "$lower(givenName & '.' & sn)", mv: "accountName" }],
    },
  });
  await upsertMa(db, {
    name: "Badge", type: "csv", config: { path: badge, anchor: "badgeId" },
    rules: { joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }] }], importFlows: [flow("badgeId", "badgeId")] },
  });
  await upsertMa(db, {
    name: "Directory", type: "csv", config: { path: target, anchor: "uid" },
    rules: {
      provisioning: [{ name: "accounts", mvObjectType: "person", objectType: "person", dn: "'uid=' & accountName & ',ou=people'", anchor: "accountName" }],
      exportFlows: [{ objectType: "person", mvObjectType: "person", mv: "accountName", cs: "uid" }, { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" }, { objectType: "person", mvObjectType: "person", mv: "title", cs: "title" }],
    },
  });
  const results: Record<string, { seconds: number; objects: number; perSecond: number; cpuSeconds: number; stepPeakRssMb: number; stepPeakHeapMb: number }> = {};
  // BENCH_STEPS=3 runs only the first three steps (a memory check at large N without the whole round).
  const stepLimit = Number(process.env.BENCH_STEPS ?? Infinity);
  let stepsRun = 0;
  async function step(label: string, maName: string, type: StepType, objects: number) {
    if (++stepsRun > stepLimit) return;
    const ma = (await store.getMa(maName))!;
    const run = await db.run.create({ data: { maId: ma.id, profileName: label, trigger: "cli", startedBy: "bench", status: "in-progress" } });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // Steps yield to the event loop once per batch, so this sampler sees each step's own peak.
    let peakRss = process.memoryUsage.rss();
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
    }, 100);
    const outcome = await runProfile(store, registryConnectorFactory, { runId: run.id, ma, steps: [{ type }] });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const stepPeakRssMb = Math.round(peakRss / 2 ** 20);
    const stepPeakHeapMb = Math.round(peakHeap / 2 ** 20);
    if (outcome.status !== "success") throw new Error(`${label}: ${outcome.status} ${outcome.message ?? ""} ${JSON.stringify(outcome.steps[0]?.stats)}`);
    const cpu = process.cpuUsage(c0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    results[label] = { seconds: +seconds.toFixed(2), objects, perSecond: Math.round(objects / seconds), cpuSeconds: +cpuSeconds.toFixed(2), stepPeakRssMb, stepPeakHeapMb };
    process.stderr.write(`${provider} N=${N} ${label}: ${objects} objects in ${seconds.toFixed(2)} s = ${Math.round(objects / seconds)}/s (process CPU ${cpuSeconds.toFixed(2)} s = ${Math.round(objects / cpuSeconds)}/CPU-s, peak RSS ${stepPeakRssMb} MB, JS heap+external ${stepPeakHeapMb} MB)\n`);
  }
  await step("full-import HR", "HR", "full-import", N);
  await step("full-sync HR", "HR", "full-sync", N);
  await step("full-import Badge", "Badge", "full-import", N / 2);
  await step("full-sync Badge", "Badge", "full-sync", N / 2);
  await step("export Directory", "Directory", "export", N);
  await writeHr(100);
  await step("delta-round full-import HR (1% changed)", "HR", "full-import", N);
  await step("delta-round delta-sync HR", "HR", "delta-sync", N / 100);
  await step("delta-round export Directory", "Directory", "export", N / 100);
  await db.$disconnect();
  await bench.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ provider, N, peakRssMb, results }) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
