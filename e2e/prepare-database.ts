// A fresh e2e database: remove data/e2e.db* and data/e2e-demo, migrate, seed the demo, create admin and
// helpdesk, run the demo. Playwright's webServer command runs this before `next start`: the server's
// background jobs open the database at boot, so resetting it from globalSetup (which Playwright runs
// after the webServer is up) left the server holding the unlinked old file.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../lib/store/db.ts";
import { resolveDatabaseUrl } from "../lib/store/database-url.ts";
import { migrate } from "../lib/store/migrate.ts";
import { startRun } from "../lib/services/run-service.ts";
import { createOrUpdateUser } from "../lib/services/users.ts";
import { seedDemo } from "../prisma/seed.ts";
import { ADMIN, HELPDESK } from "./users.ts";

export const DEMO_RUNS: [string, string][] = [
  ["HR", "Full Import"],
  ["Directory", "Full Import"],
  ["HR", "Full Sync"],
  ["Directory", "Full Sync"],
  ["Directory", "Export"],
];

const E2E_ACTOR = { id: "e2e", username: "e2e-setup", displayName: "E2E setup", role: "admin" as const };

async function prepareDatabase(): Promise<void> {
  const target = resolveDatabaseUrl("file:./data/e2e.db");
  if (target.provider !== "sqlite") throw new Error("e2e runs on SQLite");
  const dir = path.dirname(target.file);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
    if (f.isFile() && f.name.startsWith(path.basename(target.file))) fs.rmSync(path.join(dir, f.name));
  }
  fs.rmSync("data/e2e-demo", { recursive: true, force: true });
  fs.mkdirSync("e2e-output", { recursive: true });
  await migrate(target);
  const db = createDb(target);
  try {
    await seedDemo(db, { dataDir: "data/e2e-demo" });
    await createOrUpdateUser({ ...ADMIN, role: "admin", displayName: "E2E Admin" }, "e2e", db);
    await createOrUpdateUser({ ...HELPDESK, role: "helpdesk", displayName: "E2E Helpdesk" }, "e2e", db);
    // Run the demo as an admin would (imports first, then syncs, then export) so every page has data.
    for (const [ma, profile] of DEMO_RUNS) {
      const run = await startRun(E2E_ACTOR, { ma, profile, trigger: "cli", inline: true }, db);
      if (!run.done) throw new Error(`demo run ${ma} / ${profile} was queued instead of run inline: e2e runs on SQLite`);
      const outcome = await run.done;
      if (outcome.status !== "success") throw new Error(`demo run ${ma} / ${profile} ended ${outcome.status}: ${outcome.message ?? ""}`);
    }
  } finally {
    await db.$disconnect();
  }
}

prepareDatabase().then(
  () => console.log("e2e database ready: data/e2e.db"),
  (e: unknown) => {
    console.error("e2e database preparation failed:", e);
    process.exit(1);
  },
);
