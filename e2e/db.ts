// The e2e database, opened from the test process to stage states the browser then observes
// (a run in progress, an extra mventry). The server reads the same SQLite file.
import { createDb, type Db } from "../lib/store/db.ts";
import { resolveDatabaseUrl } from "../lib/store/database-url.ts";

export async function withE2eDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(resolveDatabaseUrl("file:./data/e2e.db"));
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}
