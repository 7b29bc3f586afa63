// A throwaway database for one benchmark process: a SQLite file in a temp folder, or a
// PostgreSQL database created on the machine's server and dropped afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../lib/store/migrate.ts";
import { resolveDatabaseUrl, type DatabaseTarget } from "../lib/store/database-url.ts";

export interface BenchDatabase {
  dir: string;
  target: DatabaseTarget;
  dispose(): Promise<void>;
}

export async function benchDatabase(provider: "sqlite" | "postgres", label: string): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `idsync-${label}-`));
  let url = `file:${path.join(dir, "bench.db")}`;
  let drop: (() => Promise<void>) | undefined;
  if (provider === "postgres") {
    const name = `idsync_bench_${label.replace(/\W/g, "_")}_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.IDSYNC_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test" });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    url = `postgres://postgres@127.0.0.1:5432/${name}`;
    drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const target = resolveDatabaseUrl(url);
  await migrate(target);
  return {
    dir,
    target,
    async dispose() {
      await drop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
