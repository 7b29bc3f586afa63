// npm start: database -> migrations -> first admin -> demo (first start) -> secret -> build if stale -> next start.
// Bad input (DATABASE_URL, unreachable database, failed migration) ends in ONE line naming what to fix, exit 1.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isAppError, type AppError } from "../lib/errors/app-error.ts";
import { resolveDatabaseUrl } from "../lib/store/database-url.ts";
import { getDb } from "../lib/store/db.ts";
import { listMigrations, migrate, redact } from "../lib/store/migrate.ts";
import { ensureFirstAdmin } from "../lib/services/users.ts";
import { seedDemo } from "../prisma/seed.ts";

const ROOT = process.cwd();
const DATA_DIR = path.resolve(ROOT, "data");
const NEXT_BIN = path.resolve(ROOT, "node_modules/.bin/next");
const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.js", "postcss.config.mjs", "package.json", "tsconfig.json"];

const HINTS: Partial<Record<AppError["code"], string>> = {
  DATABASE_URL_INVALID: "fix DATABASE_URL",
  DATABASE_UNREACHABLE: "check DATABASE_URL and that the database server is running and reachable",
  MIGRATION_FAILED: "the database was left as it was before that migration; fix the cause and start again",
};

function log(line: string): void {
  process.stderr.write(`idsync: ${line}\n`);
}

function fail(line: string): never {
  log(line);
  process.exit(1);
}

function writePrivate(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode: 0o600 });
}

/** NEXTAUTH_SECRET from the environment, else data/.nextauth-secret (created once). */
function nextAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, ".nextauth-secret");
  if (fs.existsSync(file)) {
    const s = fs.readFileSync(file, "utf8").trim();
    if (s) return s;
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  writePrivate(file, `${secret}\n`);
  log(`generated NEXTAUTH_SECRET in ${path.relative(ROOT, file)} (set NEXTAUTH_SECRET to use your own)`);
  return secret;
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === "node_modules" || e.startsWith(".")) continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

function buildIsStale(): boolean {
  const id = path.resolve(ROOT, ".next/BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.resolve(ROOT, s)) > built);
}

async function prepare(): Promise<void> {
  const target = resolveDatabaseUrl();
  log(`database: ${target.provider === "sqlite" ? path.relative(ROOT, target.file) || target.file : redact(target.url)}`);

  const fresh = (await migrate(target)).length === listMigrations(target.provider).length;
  const db = getDb();
  try {
    const admin = await ensureFirstAdmin(process.env, db);
    if (admin.status === "created" && admin.generated) {
      const file = path.join(DATA_DIR, "initial-admin-password.txt");
      writePrivate(file, `${admin.username}\n${admin.password}\n`);
      log(`created the first admin "${admin.username}" with password: ${admin.password}`);
      log(`(shown once; also in ${path.relative(ROOT, file)} - delete that file after your first sign-in)`);
    } else if (admin.status === "created") {
      log(`created the first admin "${admin.username}" with the password from IDSYNC_ADMIN_PASSWORD`);
    }

    const seed = process.env.IDSYNC_SEED_DEMO;
    if (seed === "1" || (fresh && seed !== "0")) {
      if (await seedDemo(db)) log('seeded the demo: management agents "HR" and "Directory" (CSV files in data/demo/)');
    }
  } finally {
    await db.$disconnect();
  }
}

function build(env: NodeJS.ProcessEnv): void {
  if (!buildIsStale()) return;
  log("building the console (next build)...");
  const r = spawnSync(NEXT_BIN, ["build"], { stdio: ["ignore", "inherit", "inherit"], env });
  if (r.status !== 0) fail("next build failed (its output is above); fix the error and run npm start again");
}

function serve(env: NodeJS.ProcessEnv): void {
  const port = env.PORT || "3000";
  const args = ["start", "-p", port];
  if (env.HOSTNAME_BIND) args.push("-H", env.HOSTNAME_BIND);
  const child = spawn(NEXT_BIN, args, { stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function main(): Promise<void> {
  if (!fs.existsSync(NEXT_BIN)) fail("node_modules/.bin/next is missing: run npm ci first");
  await prepare().catch((e: unknown) => {
    if (isAppError(e)) throw e;
    // e.g. the SQLite file's folder cannot be created or opened
    fail(`cannot open the database: ${(e as Error)?.message ?? String(e)} - check DATABASE_URL`);
  });
  const port = process.env.PORT || "3000";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_SECRET: nextAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
  };
  build(env);
  log(`console on ${env.NEXTAUTH_URL} (set NEXTAUTH_URL when users reach it by another address)`);
  serve(env);
}

main().catch((e: unknown) => {
  if (isAppError(e)) {
    const hint = HINTS[e.code];
    fail(`${e.message}${hint ? ` - ${hint}` : ""} [${e.code}]`);
  }
  const err = e as NodeJS.ErrnoException;
  fail(`cannot start: ${err?.message ?? String(e)}${err?.code ? ` [${err.code}]` : ""}`);
});
