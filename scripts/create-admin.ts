// npm run create-admin -- [username] [password] [--role admin|helpdesk] [--display-name "Name"]
// Username: argv, else IDSYNC_ADMIN_USER, else "admin". Password: argv, else IDSYNC_ADMIN_PASSWORD.
// Creates the user, or resets the password and role of an existing one. Never prompts.
import { isAppError } from "../lib/errors/app-error.ts";
import { isRole, type Role } from "../lib/auth/roles.ts";
import { getDb } from "../lib/store/db.ts";
import { migrate } from "../lib/store/migrate.ts";
import { createOrUpdateUser } from "../lib/services/users.ts";

function fail(message: string): never {
  process.stderr.write(`create-admin: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): { username: string; password: string; role: Role; displayName?: string } {
  const positional: string[] = [];
  let role: string = "admin";
  let displayName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--role") role = argv[++i] ?? "";
    else if (a.startsWith("--role=")) role = a.slice("--role=".length);
    else if (a === "--display-name") displayName = argv[++i];
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: npm run create-admin -- [username] [password] [--role admin|helpdesk] [--display-name NAME]\n");
      process.exit(0);
    } else if (a.startsWith("--")) fail(`unknown option ${a}; use --role admin|helpdesk or --display-name NAME`);
    else positional.push(a);
  }
  if (!isRole(role)) fail(`--role must be admin or helpdesk, got "${role}"`);
  const username = positional[0] ?? process.env.IDSYNC_ADMIN_USER?.trim() ?? "admin";
  const password = positional[1] ?? process.env.IDSYNC_ADMIN_PASSWORD ?? "";
  if (!password) fail("no password: pass it as the second argument or set IDSYNC_ADMIN_PASSWORD");
  return { username: username || "admin", password, role, displayName };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await migrate();
  const db = getDb();
  try {
    const { created } = await createOrUpdateUser(args, "cli", db);
    process.stdout.write(`${created ? "created" : "updated"} ${args.role} "${args.username}"\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  if (isAppError(e)) fail(`${e.message} [${e.code}]`);
  fail(`unexpected error: ${(e as Error).message ?? String(e)}`);
});
