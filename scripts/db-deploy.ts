// npm run db:deploy: applies the committed migrations (prisma/migrations/<provider>/) to DATABASE_URL
// (default file:./data/idsync.db). Progress goes to stderr; a bad URL, an unreachable server or a
// failing migration prints one line "idsync: <what to fix>" and exits 1.
import { isAppError, type AppErrorCode } from "../lib/errors/app-error.ts";
import { resolveDatabaseUrl } from "../lib/store/database-url.ts";
import { migrate, redact } from "../lib/store/migrate.ts";

const HINTS: Partial<Record<AppErrorCode, string>> = {
  DATABASE_UNREACHABLE: "check DATABASE_URL and that the server is running",
};

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

try {
  const target = resolveDatabaseUrl();
  const applied = await migrate(target);
  const where = target.provider === "sqlite" ? target.file : redact(target.url);
  for (const name of applied) console.error(`idsync: applied ${name}`);
  console.error(`idsync: ${where} is up to date (${applied.length} migration(s) applied now)`);
} catch (e) {
  if (!isAppError(e)) throw e; // a bug, not a setting: keep the stack
  const hint = HINTS[e.code];
  console.error(`idsync: ${oneLine(e.message)}${hint ? ` (${hint})` : ""}`);
  process.exitCode = 1;
}
