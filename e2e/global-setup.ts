// A fresh e2e database: remove data/e2e.db*, migrate, seed the demo, create admin and helpdesk.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../lib/store/db.ts";
import { resolveDatabaseUrl } from "../lib/store/database-url.ts";
import { migrate } from "../lib/store/migrate.ts";
import { createOrUpdateUser } from "../lib/services/users.ts";
import { seedDemo } from "../prisma/seed.ts";
import { ADMIN, HELPDESK } from "./users.ts";

export default async function globalSetup(): Promise<void> {
  const target = resolveDatabaseUrl("file:./data/e2e.db");
  if (target.provider !== "sqlite") throw new Error("e2e runs on SQLite");
  const dir = path.dirname(target.file);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
    if (f.isFile() && f.name.startsWith(path.basename(target.file))) fs.rmSync(path.join(dir, f.name));
  }
  fs.mkdirSync("e2e-output", { recursive: true });
  await migrate(target);
  const db = createDb(target);
  try {
    await seedDemo(db, { dataDir: "data/e2e-demo" });
    await createOrUpdateUser({ ...ADMIN, role: "admin", displayName: "E2E Admin" }, "e2e", db);
    await createOrUpdateUser({ ...HELPDESK, role: "helpdesk", displayName: "E2E Helpdesk" }, "e2e", db);
  } finally {
    await db.$disconnect();
  }
}
