// The engine over a SQL MA whose PostgreSQL server goes away mid-import: the step stops with
// stopped-connectivity and the connector space keeps every object (the import never reached its
// end, so no delete is staged for the objects it did not see). Also: the MA's password is stored
// encrypted and reaches the connector decrypted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreshDatabase } from "../support/databases.ts";
import type { Scenario } from "../engine/scenario-kit.ts";
import { createPeopleTables, peopleConfig, sqlEngineWorkspace, type SqlEngineWorkspace, type SqlSandbox } from "./sql-harness.ts";

process.env.IDSYNC_SECRET_KEY ??= "sql-engine-stop-test-key";

const ROWS = 3000;
const GATE_ROW = 1200;
const LOCK_KEY = 700_000 + Math.floor(Math.random() * 100_000);
const PASSWORD = "not-checked-by-trust-auth-9";

describe("engine: SQL server gone mid-import", () => {
  let w: SqlEngineWorkspace;
  let fresh: FreshDatabase;
  let s: Scenario;
  let pg: SqlSandbox;
  let maId: string;

  beforeAll(async () => {
    w = await sqlEngineWorkspace("postgres");
    ({ fresh, s, src: pg } = w);
    await createPeopleTables(pg);
    await pg.exec(`INSERT INTO people (uid, "displayName", title) SELECT 'u' || lpad(g::text, 6, '0'), 'Person ' || g, 'Clerk' FROM generate_series(1, ${ROWS}) g`);
    await pg.exec(
      `CREATE FUNCTION gate(u text, v text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$ BEGIN
         IF u = 'u${String(GATE_ROW).padStart(6, "0")}' THEN PERFORM pg_advisory_lock_shared(${LOCK_KEY}); PERFORM pg_advisory_unlock_shared(${LOCK_KEY}); END IF;
         RETURN v; END $$`,
    );
    await pg.exec(`INSERT INTO people_values (uid, attribute, value) SELECT uid, 'mail', uid || '@example.com' FROM people`);
    // Each batch reads its multi-values through this view; at GATE_ROW's batch gate() waits on the advisory lock.
    await pg.exec("CREATE VIEW people_values_gated AS SELECT uid, attribute, gate(uid, value) AS value FROM people_values");
    maId = await s.ma({
      name: "HR",
      type: "sql",
      config: peopleConfig(pg, { password: PASSWORD, multiValueTable: "people_values_gated", deltaMode: "none" }),
      rules: { joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "uid", mv: "employeeID" }] }], project: true }] },
    });
  });

  afterAll(() => w?.cleanup());

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
    // The multi-value view's gate() waits on an advisory lock in GATE_ROW's batch, so the import is parked
    // there (mid-import) until the backend is terminated: deterministic, whatever the machine's speed.
    await pg.exec(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    let killed = 0;
    const killer = (async () => {
      for (let i = 0; i < 6000 && !killed; i++) {
        const rows = await pg.exec(`SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE locktype = 'advisory' AND objid = ${LOCK_KEY} AND NOT granted`);
        killed += rows.length;
        if (!killed) await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const outcome = await s.run("HR", "full-import");
    await killer;
    await pg.exec(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    expect(killed).toBe(1);
    expect(outcome.status).toBe("stopped-connectivity");
    expect(outcome.message).toMatch(/^sql-connection-lost: postgres postgres@127\.0\.0\.1:5432\/test: full import: /);
    expect(outcome.message).not.toContain(PASSWORD);
    const stats = outcome.steps[0]!.stats;
    // Stopped inside the import: the two batches (of 500) before the gate were staged (unchanged), the rest never seen.
    expect(stats["import-unchanged"]).toBe(1000);
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
