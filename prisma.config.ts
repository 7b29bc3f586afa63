import { defineConfig } from "prisma/config";

// Offline: the CLI wants to download the native schema engine before any command, even `generate`.
// Pointing it at an existing file skips that; migrations go through scripts/ instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "scripts/no-schema-engine.sh";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations/sqlite" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/idsync.db" },
});
