#!/bin/sh
# Stand-in for Prisma's native schema-engine, which cannot be downloaded offline.
# Migrations are committed SQL applied by lib/store/migrate.ts; new ones are made by scripts/new-migration.ts (Wasm engine).
echo "schema-engine binary not available offline: use npm run db:deploy / npm run db:new-migration" >&2
exit 1
