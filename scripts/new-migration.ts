// Development tool: writes the SQL that takes the database from the last migration's schema snapshot
// to the current prisma/schema.prisma, for SQLite and PostgreSQL, under prisma/migrations/<provider>/.
// Prisma's native schema engine cannot be downloaded here, so this drives the Wasm schema engine.
// Usage: npm run db:new-migration -- <name>
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as wasm from "@prisma/schema-engine-wasm/schema_engine_bg";
import { postgresSchemaFrom } from "./sync-schemas.ts";

const name = (process.argv[2] ?? "").replace(/[^A-Za-z0-9]+/g, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(1);
}

const wasmFile = path.join(
  path.dirname(fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"))),
  "schema_engine_bg.wasm",
);
const instance = new WebAssembly.Instance(new WebAssembly.Module(await fs.readFile(wasmFile)), {
  "./schema_engine_bg.js": wasm as never,
});
wasm.__wbg_set_wasm(instance.exports);
(instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();

async function adapterFor(provider: "sqlite" | "postgres") {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    const base = new PrismaBetterSqlite3({ url: `file:${path.join(os.tmpdir(), `idsync-diff-${process.pid}.db`)}` });
    return bindMigrationAwareSqlAdapterFactory({
      provider: base.provider,
      adapterName: base.adapterName,
      connect: () => base.connect(),
      connectToShadowDb: () => base.connectToShadowDb(),
    });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const url = process.env.PG_DIFF_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const base = new PrismaPg({ connectionString: url });
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => base.connect(),
    connectToShadowDb: () => base.connect(),
  });
}

const sqliteSchema = await fs.readFile("prisma/schema.prisma", "utf8");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const provider of ["sqlite", "postgres"] as const) {
  const dir = path.join("prisma/migrations", provider);
  await fs.mkdir(dir, { recursive: true });
  const current = provider === "sqlite" ? sqliteSchema : postgresSchemaFrom(sqliteSchema);
  const previous = (await fs.readdir(dir).catch(() => [])).filter((d) => /^\d/.test(d)).sort().at(-1);
  const previousSchema = previous ? await fs.readFile(path.join(dir, previous, "schema.prisma"), "utf8") : null;
  const adapter = await adapterFor(provider);
  const schemaPath = path.resolve(provider === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma");
  const engine = await wasm.SchemaEngine.new({ datamodels: [[schemaPath, current]] }, () => {}, adapter);
  const filters = { externalTables: [], externalEnums: [] };
  const from = previousSchema
    ? { tag: "schemaDatamodel" as const, files: [{ path: schemaPath, content: previousSchema }] }
    : { tag: "empty" as const };
  const r = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: current }] },
    script: true,
    exitCode: null,
    filters,
  });
  engine.free();
  const sql = r.stdout ?? "";
  if (!sql.trim() || /empty migration/i.test(sql)) {
    console.error(`${provider}: no schema change`);
    continue;
  }
  const out = path.join(dir, `${stamp}_${name}`);
  await fs.mkdir(out, { recursive: true });
  await fs.writeFile(path.join(out, "migration.sql"), sql);
  await fs.writeFile(path.join(out, "schema.prisma"), current);
  console.error(`wrote ${out}/migration.sql`);
}
