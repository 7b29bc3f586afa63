// One data model, two providers: prisma/postgres/schema.prisma is generated from prisma/schema.prisma,
// and both providers carry the same migrations, whose latest snapshot is the current schema.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "../../scripts/sync-schemas.ts";

const read = (p: string) => fs.readFileSync(p, "utf8");
const SCHEMA = { sqlite: "prisma/schema.prisma", postgres: "prisma/postgres/schema.prisma" } as const;

function migrationNames(provider: "sqlite" | "postgres"): string[] {
  return fs
    .readdirSync(path.join("prisma/migrations", provider))
    .filter((d) => /^\d/.test(d))
    .sort();
}

describe("schema parity", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma", () => {
    expect(read(SCHEMA.postgres), "prisma/postgres/schema.prisma is stale: run npx tsx scripts/sync-schemas.ts").toBe(
      postgresSchemaFrom(read(SCHEMA.sqlite)),
    );
  });

  it("both providers have the same migration folders, each with its SQL and schema snapshot", () => {
    const sqlite = migrationNames("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(migrationNames("postgres"), "migrations differ between providers: write them with npm run db:new-migration").toEqual(sqlite);
    for (const provider of ["sqlite", "postgres"] as const) {
      for (const name of sqlite) {
        const dir = path.join("prisma/migrations", provider, name);
        expect(read(path.join(dir, "migration.sql")).trim(), `${dir}/migration.sql is empty`).not.toBe("");
        expect(fs.existsSync(path.join(dir, "schema.prisma")), `${dir}/schema.prisma is missing`).toBe(true);
      }
    }
  });

  it.each(["sqlite", "postgres"] as const)("the latest %s migration's snapshot is the current schema", (provider) => {
    const latest = migrationNames(provider).at(-1)!;
    const snapshot = path.join("prisma/migrations", provider, latest, "schema.prisma");
    expect(read(snapshot), `${SCHEMA[provider]} changed since ${snapshot}: run npm run db:new-migration -- <name>`).toBe(
      read(SCHEMA[provider]),
    );
  });
});
