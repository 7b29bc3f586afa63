// The SQL connector against unusable servers: bad credentials, missing database/file/table/column,
// and a server that goes away in the middle of an import or an export (ConnectivityError, never
// swallowed and never a per-object failure).
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { sqlConnectorType } from "../../lib/connectors/sql/sql-connector.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { ExportChange } from "../../lib/engine/types.ts";
import { createPeopleTables, peopleConfig, seedPeople, sqlSandbox, type SqlSandbox } from "./sql-harness.ts";

const SECRET = "Corr3ct-Horse-Battery";
let sandbox: SqlSandbox | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  await sandbox?.cleanup();
  sandbox = undefined;
});

function open(config: Record<string, unknown>): Connector {
  const c = sqlConnectorType.create(sqlConnectorType.configSchema.parse(config));
  cleanups.push(() => c.close());
  return c;
}

async function failure(p: Promise<unknown>): Promise<ConnectivityError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ConnectivityError);
  return e as ConnectivityError;
}

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ uid: [`u${String(i).padStart(4, "0")}`], displayName: [`P ${i}`], mail: [`u${i}@x.example`] }));

describe("SQL connector: bad settings", () => {
  it("postgres: an unknown login is sql-auth-failed, naming the user and never the password", async () => {
    sandbox = await sqlSandbox("postgres");
    const e = await failure(open(peopleConfig(sandbox, { user: "idsync_no_such_role", password: SECRET })).testConnection());
    expect(e.code).toBe("sql-auth-failed");
    expect(e.message).toContain("idsync_no_such_role@127.0.0.1:5432/test");
    expect(e.message).not.toContain(SECRET);
  });

  it("mariadb: a wrong password is sql-auth-failed without the password", async () => {
    sandbox = await sqlSandbox("mariadb");
    const user = `idsync_u_${crypto.randomBytes(4).toString("hex")}`;
    await sandbox.exec(`CREATE USER '${user}'@'%' IDENTIFIED BY 'the-right-one-42'`);
    await sandbox.exec(`CREATE USER '${user}'@'localhost' IDENTIFIED BY 'the-right-one-42'`);
    cleanups.push(() => sandbox!.exec(`DROP USER IF EXISTS '${user}'@'%', '${user}'@'localhost'`));
    const e = await failure(open(peopleConfig(sandbox, { user, password: SECRET })).testConnection());
    expect(e.code).toBe("sql-auth-failed");
    expect(e.message).toMatch(/Access denied/);
    expect(e.message).not.toContain(SECRET);
  });

  it("postgres: a refused port is sql-unreachable and a missing database sql-database-not-found", async () => {
    sandbox = await sqlSandbox("postgres");
    expect((await failure(open(peopleConfig(sandbox, { port: 1 })).testConnection())).code).toBe("sql-unreachable");
    expect((await failure(open(peopleConfig(sandbox, { database: "idsync_no_such_db" })).testConnection())).code).toBe("sql-database-not-found");
  });

  it("sqlite: a missing file is sql-unreachable", async () => {
    sandbox = await sqlSandbox("sqlite");
    const e = await failure(open(peopleConfig(sandbox, { file: "/nonexistent/dir/hr.db" })).testConnection());
    expect(e.code).toBe("sql-unreachable");
    expect(e.message).toContain("/nonexistent/dir/hr.db");
  });

  for (const dialect of ["postgres", "mariadb", "sqlite"] as const) {
    it(`${dialect}: a missing table or column stops with the setting's name`, async () => {
      sandbox = await sqlSandbox(dialect);
      await createPeopleTables(sandbox);
      const table = await failure(open(peopleConfig(sandbox, { table: "staff" })).testConnection());
      expect(table.code).toBe("sql-table-not-found");
      expect(table.message).toMatch(/table: table or view "staff"/);
      const col = await failure(open(peopleConfig(sandbox, { objectTypeColumn: "kind" })).fullImport()[Symbol.asyncIterator]().next());
      expect(col.code).toBe("sql-column-not-found");
      expect(col.message).toMatch(/objectTypeColumn: "kind" is not a column of people \(columns: uid, displayName, title, updated_at\)/);
    });
  }
});

/** Kills the connector's backend: the one holding a lock on the sandbox's people table. */
async function terminatePostgresReader(s: SqlSandbox): Promise<number> {
  const rows = await s.exec(
    `SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE relation = (quote_ident(current_schema()) || '.people')::regclass AND pid <> pg_backend_pid()`,
  );
  return rows.length;
}

describe("SQL connector: the server goes away", () => {
  it("postgres: mid-import the next batch throws ConnectivityError sql-connection-lost; the next import reconnects", async () => {
    sandbox = await sqlSandbox("postgres");
    await createPeopleTables(sandbox);
    await seedPeople(sandbox, people(50));
    const connector = open(peopleConfig(sandbox));
    const it = connector.fullImport({ batchSize: 10 })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value).toHaveLength(10);
    expect(await terminatePostgresReader(sandbox)).toBe(1);
    const e = await failure(it.next());
    expect(e.code).toBe("sql-connection-lost");
    expect(e.message).toMatch(/full import/);
    let n = 0;
    for await (const batch of connector.fullImport({ batchSize: 20 })) n += batch.length;
    expect(n).toBe(50);
  });

  it("mariadb: a killed connection mid-import throws ConnectivityError", async () => {
    sandbox = await sqlSandbox("mariadb");
    await createPeopleTables(sandbox);
    await seedPeople(sandbox, people(30));
    const connector = open(peopleConfig(sandbox));
    const it = connector.fullImport({ batchSize: 10 })[Symbol.asyncIterator]();
    expect((await it.next()).value).toHaveLength(10);
    const [{ database }] = (await sandbox.exec("SELECT DATABASE() AS `database`")) as { database: string }[];
    const others = await sandbox.exec("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()", [database]);
    expect(others).toHaveLength(1);
    await sandbox.exec(`KILL ${Number(others[0]!.id)}`);
    const e = await failure(it.next());
    expect(e.code).toBe("sql-connection-lost");
  });

  it("postgres: mid-export a lost connection throws ConnectivityError instead of failing the object", async () => {
    sandbox = await sqlSandbox("postgres");
    await createPeopleTables(sandbox);
    const connector = open(peopleConfig(sandbox));
    const session = await connector.openExport!();
    const add = (uid: string): ExportChange => ({ id: `cs-${uid}`, op: "add", objectType: "person", anchor: null, dn: `uid=${uid},ou=people,dc=example,dc=com`, changes: {}, attrs: { uid: [uid] } });
    expect(await session.write([add("a1")])).toMatchObject([{ ok: true, anchor: "a1" }]);
    expect(await terminatePostgresReader(sandbox)).toBe(1);
    const e = await failure(session.write([add("a2")]));
    expect(e.code).toBe("sql-connection-lost");
    await session.abort();
    expect(await sandbox.exec("SELECT uid FROM people")).toEqual([]);
  });
});
