// npm run bench [-- N ...]: the engine benchmark on SQLite and PostgreSQL, each in its own process.
import { execFileSync } from "node:child_process";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ns = sizes.length ? sizes : [Number(process.env.BENCH_N ?? 100_000)];
const rows: string[] = [];
for (const provider of ["sqlite", "postgres"]) {
  for (const n of ns) {
    const out = execFileSync("node_modules/.bin/tsx", ["bench/engine-bench.ts", provider, String(n)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").at(-1)!);
    rows.push(`${provider} N=${n} peak RSS ${r.peakRssMb} MB`);
    for (const [label, v] of Object.entries(r.results as Record<string, { perSecond: number; seconds: number }>)) rows.push(`  ${label.padEnd(45)} ${String(v.perSecond).padStart(8)} objects/s  ${v.seconds} s`);
  }
}
console.log(rows.join("\n"));
{
  const n = Number(process.env.BENCH_LDIF_N ?? 200_000);
  const r = JSON.parse(execFileSync("node_modules/.bin/tsx", ["bench/ldif-bench.ts", String(n)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" }).trim().split("\n").at(-1)!);
  console.log(`ldif full import N=${n} (${r.fileMb} MB)  ${r.perSecond} entries/s  ${r.seconds} s  peak RSS ${r.peakRssMb} MB`);
}
{
  const n = Number(process.env.BENCH_SQL_ROWS ?? 1_000_000);
  const r = JSON.parse(execFileSync("node_modules/.bin/tsx", ["bench/sql-bench.ts", String(n)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" }).trim().split("\n").at(-1)!);
  console.log(`sql full import (PostgreSQL) N=${n}  connector ${r.connector.perSecond} rows/s (peak RSS ${r.connector.peakRssMb} MB)  raw cursor ${r.raw.perSecond} rows/s (peak RSS ${r.raw.peakRssMb} MB)`);
}
{
  const n = Number(process.env.BENCH_FILE_ROWS ?? 1_000_000);
  const out = execFileSync("node_modules/.bin/tsx", ["bench/file-connectors-bench.ts", String(n)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  console.log(out.trim().split("\n").slice(0, -1).join("\n"));
}
for (const provider of ["sqlite", "postgres"]) {
  const n = Number(process.env.BENCH_DELTA_N ?? 1_000_000);
  const r = JSON.parse(execFileSync("node_modules/.bin/tsx", ["bench/delta-sync-bench.ts", provider, String(n), "1000"], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" }).trim().split("\n").at(-1)!);
  console.log(`delta sync ${provider}: ${r.changes} changes among ${r.mventries} mventries in ${r.seconds} s (process CPU ${r.cpuSeconds} s, peak RSS ${r.peakRssMb} MB)`);
}
{
  const n = Number(process.env.BENCH_LDAP_N ?? 20_000);
  // Its readable lines (IdSync's rates beside the raw rates of the same slapd in the same run), then a JSON line.
  const out = execFileSync("node_modules/.bin/tsx", ["bench/ldap-bench.ts", String(n)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  console.log(out.trim().split("\n").slice(0, -1).join("\n"));
}
{
  const n = Number(process.env.BENCH_GROUP_N ?? 50_000);
  const r = JSON.parse(execFileSync("node_modules/.bin/tsx", ["bench/large-group-bench.ts", String(n)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" }).trim().split("\n").at(-1)!);
  for (const x of r.results as { provider: string; change: { deltaSyncSeconds: number; exportSeconds: number; groupExport: { add: number; remove: number; replace: number }; mvValueRowsWritten: number } }[]) {
    const c = x.change;
    console.log(`large group ${x.provider} (${n} members, one leaves, one joins): delta sync ${c.deltaSyncSeconds} s, export ${c.exportSeconds} s; member values exported: ${c.groupExport.add} add, ${c.groupExport.remove} remove, ${c.groupExport.replace} replace; metaverse value rows written ${c.mvValueRowsWritten}`);
  }
}
