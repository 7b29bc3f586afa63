// A run in a child process, for crash tests (test/engine/crash-safety.*.test.ts): creates a run of
// one MA with the given steps and executes it through lib/services/run-service.ts executeRun
// against DATABASE_URL, printing one JSON line per event on stdout:
//   {"event":"run","runId":...}  {"event":"progress","stepType":...,"done":n,"total":n}
//   {"event":"paused","at":...}  {"event":"done","status":...}
// IDSYNC_TEST_PAUSE=after-export-commit parks the process right after the connector committed an
// export (before the engine marks anything exported), so a test can SIGKILL it in that window.
// usage: DATABASE_URL=... node --import tsx test/support/run-step-child.ts <maName> <step> [<step> ...]
import { createDb } from "../../lib/store/db.ts";
import { resolveDatabaseUrl } from "../../lib/store/database-url.ts";
import { createRun } from "../../lib/store/run-records.ts";
import { executeRun } from "../../lib/services/run-service.ts";
import { registryConnectorFactory } from "../../lib/connectors/registry.ts";
import type { Connector } from "../../lib/engine/connector.ts";

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const park = (at: string): Promise<never> => {
  say({ event: "paused", at });
  return new Promise<never>(() => setInterval(() => {}, 60_000));
};

function pauseAfterExportCommit(): void {
  const open = registryConnectorFactory.open.bind(registryConnectorFactory);
  registryConnectorFactory.open = (ma): Connector => {
    const c = open(ma);
    if (!c.openExport) return c;
    const openExport = c.openExport.bind(c);
    return {
      ...c,
      openExport: async () => {
        const session = await openExport();
        return {
          write: (batch) => session.write(batch),
          abort: () => session.abort(),
          commit: async () => {
            await session.commit();
            await park("after-export-commit");
          },
        };
      },
    };
  };
}

async function main(): Promise<void> {
  const [maName, ...steps] = process.argv.slice(2);
  if (!maName || steps.length === 0) throw new Error("usage: run-step-child.ts <maName> <step> [<step> ...]");
  if (process.env.IDSYNC_TEST_PAUSE === "after-export-commit") pauseAfterExportCommit();
  const db = createDb(resolveDatabaseUrl());
  const ma = await db.managementAgent.findUniqueOrThrow({ where: { name: maName } });
  const profileName = `crash-${steps.join("+")}`;
  await db.runProfile.upsert({
    where: { maId_name: { maId: ma.id, name: profileName } },
    create: { maId: ma.id, name: profileName, steps: JSON.stringify(steps.map((type) => ({ type }))) },
    update: { steps: JSON.stringify(steps.map((type) => ({ type }))) },
  });
  const runId = await createRun(db, { maId: ma.id, maName, profileName, trigger: "cli", startedBy: "crash-test" });
  say({ event: "run", runId });
  const outcome = await executeRun(db, runId, {
    onProgress: (e) => say({ event: "progress", stepType: e.stepType, done: e.done, total: e.total ?? null }),
  });
  say({ event: "done", status: outcome.status, message: outcome.message ?? null });
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
