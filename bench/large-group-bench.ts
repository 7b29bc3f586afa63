// Large groups: an HR source with N people (default 50,000) and one group holding all of them is
// provisioned into a directory CSV (members exported as DNs), exported and confirmed; then one member
// leaves the group and a new hire joins it. Measures the delta sync and the export of that change:
// time, the values of the group's pending export (one add and one remove, not N), and the metaverse
// value rows written. SQLite then PostgreSQL, each on a throwaway database; one JSON line at the end.
// usage: tsx bench/large-group-bench.ts [N]
import { createDb } from "../lib/store/db.ts";
import { closeSqlDrivers } from "../lib/store/sql-driver.ts";
import type { AttrChange, StepType } from "../lib/engine/types.ts";
import { benchDatabase } from "./bench-database.ts";
import {
  directoryMembers,
  GROUP_NAME,
  largeGroupFiles,
  lastValueRowId,
  personId,
  setupLargeGroup,
  valueRowsWrittenSince,
  writeLargeGroupHr,
} from "../test/engine/large-group-kit.ts";

const N = Number(process.argv[2] ?? 50_000);

async function measure(provider: "sqlite" | "postgres") {
  const bench = await benchDatabase(provider, "large-group");
  const db = createDb(bench.target);
  const files = largeGroupFiles(bench.dir);
  const people = Array.from({ length: N }, (_, i) => personId(i));
  writeLargeGroupHr(files.hr, people, people);
  const s = await setupLargeGroup(db, files);
  const timed = async (ma: string, ...steps: StepType[]) => {
    const t0 = performance.now();
    const r = await s.run(ma, ...steps);
    const seconds = +((performance.now() - t0) / 1000).toFixed(2);
    if (r.status !== "success") throw new Error(`${ma} ${steps.join("+")}: ${r.status} ${r.message ?? ""}`);
    process.stderr.write(`large group ${provider} N=${N}: ${ma} ${steps.join("+")} ${seconds} s\n`);
    return seconds;
  };
  const setup = {
    importAndSync: await timed("HR", "full-import", "full-sync"),
    export: await timed("Directory", "export"),
    confirm: await timed("Directory", "full-import", "delta-sync"),
  };
  if (directoryMembers(files.directory).length !== N) throw new Error("the exported group does not hold every member");

  const hire = personId(N);
  writeLargeGroupHr(files.hr, [...people, hire], [...people.slice(1), hire]);
  const importSeconds = await timed("HR", "full-import");
  const before = await lastValueRowId(db);
  const deltaSync = await timed("HR", "delta-sync");
  const valueRows = await valueRowsWrittenSince(db, before);
  const group = await db.csObject.findFirstOrThrow({ where: { ma: { name: "Directory" }, anchor: GROUP_NAME } });
  const pe = await db.pendingExport.findUniqueOrThrow({ where: { csId: group.id } });
  const member = (JSON.parse(pe.changes) as Record<string, AttrChange>).member ?? {};
  const exportSeconds = await timed("Directory", "export");
  const members = directoryMembers(files.directory);
  if (members.length !== N || !members.includes(`uid=${hire},o=dir`)) throw new Error("the exported group is wrong after the change");
  await db.$disconnect();
  await closeSqlDrivers();
  await bench.dispose();
  return {
    provider,
    N,
    setup,
    change: {
      importSeconds,
      deltaSyncSeconds: deltaSync,
      exportSeconds,
      groupExport: { op: pe.op, add: member.add?.length ?? 0, remove: member.remove?.length ?? 0, replace: member.replace?.length ?? 0 },
      mvValueRowsWritten: valueRows,
    },
  };
}

async function main() {
  const results = [];
  for (const provider of ["sqlite", "postgres"] as const) results.push(await measure(provider));
  process.stdout.write(`${JSON.stringify({ N, results })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
