// The engine over a SQL MA whose PostgreSQL server goes away mid-import: the step stops with
// stopped-connectivity and the connector space keeps every object (the import never reached its
// end, so no delete is staged for the objects it did not see). Also: the MA's password is stored
// encrypted and reaches the connector decrypted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../support/databases.ts";
import { PERSON, Scenario } from "../engine/scenario-kit.ts";
import { createPeopleTables, peopleConfig, sqlSandbox, type SqlSandbox } from "./sql-harness.ts";

process.env.IDSYNC_SECRET_KEY ??= "sql-engine-stop-test-key";

const ROWS = 3000;
const PASSWORD = "not-checked-by-trust-auth-9";

describe("engine: SQL server gone mid-import", () => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let pg: SqlSandbox;
  let maId: string;

  beforeAll(async () => {
    fresh = await freshDatabase("sqlite");
    s = new Scenario(fresh.db);
    pg = await sqlSandbox("postgres");
    await createPeopleTables(pg);
    await pg.exec(`INSERT INTO people (uid, "displayName", title) SELECT 'u' || lpad(g::text, 6, '0'), 'Person ' || g, 'Clerk' FROM generate_series(1, ${ROWS}) g`);
    await s.model(PERSON);
    maId = await s.ma({
      name: "HR",
      type: "sql",
      config: peopleConfig(pg, { password: PASSWORD }),
      rules: { joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "uid", mv: "employeeID" }] }], project: true }] },
    });
  });

  afterAll(async () => {
    await pg?.cleanup();
    await fresh?.cleanup();
  });

  const liveCount = () => fresh.db.csObject.count({ where: { maId, deleted: false } });

  it("stores the password encrypted; the connector gets it decrypted and imports every row", async () => {
    const row = await fresh.db.managementAgent.findUniqueOrThrow({ where: { id: maId } });
    expect(row.config).not.toContain(PASSWORD);
    expect(JSON.parse(row.config).password).toMatch(/^enc:v1:/);
    expect((await s.store.getMa("HR"))!.config).toMatchObject({ password: PASSWORD });
    const outcome = await s.run("HR", "full-import");
    expect(outcome.status).toBe("success");
    expect(outcome.steps[0]!.stats["import-add"]).toBe(ROWS);
    expect(await liveCount()).toBe(ROWS);
  });

  it("stops the step with stopped-connectivity and stages no deletes", async () => {
    let killed = 0;
    let stop = false;
    // Terminates the import's backend once it has fetched a batch (idle in its cursor's transaction).
    const killer = (async () => {
      while (!stop && !killed) {
        const rows = await pg.exec(
          `SELECT pg_terminate_backend(l.pid) AS ok FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.relation = (quote_ident(current_schema()) || '.people')::regclass AND l.pid <> pg_backend_pid()
              AND a.state = 'idle in transaction' AND a.query LIKE 'FETCH%'`,
        );
        killed += rows.length;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const outcome = await s.run("HR", "full-import");
    stop = true;
    await killer;
    expect(killed).toBe(1);
    expect(outcome.status).toBe("stopped-connectivity");
    expect(outcome.message).toMatch(/^sql-connection-lost: postgres postgres@127\.0\.0\.1:5432\/test: full import: /);
    expect(outcome.message).not.toContain(PASSWORD);
    const stats = outcome.steps[0]!.stats;
    // Killed after its first FETCH: whatever batches were staged, the rest was never seen.
    expect(stats["import-unchanged"] ?? 0).toBeLessThan(ROWS);
    expect(stats["import-delete"] ?? 0).toBe(0);
    expect(await liveCount()).toBe(ROWS);
    expect(await fresh.db.csObject.count({ where: { maId, pendingImportOp: "delete" } })).toBe(0);
  });

  it("the next run, with the server back, completes without changes", async () => {
    const outcome = await s.run("HR", "full-import");
    expect(outcome.status).toBe("success");
    expect(outcome.steps[0]!.stats["import-unchanged"]).toBe(ROWS);
  });
});
