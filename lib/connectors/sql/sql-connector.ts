// The SQL connector type: a table or view of PostgreSQL, MariaDB/MySQL or SQLite as a connected
// system (HR, payroll). Imports read on one connection per connector; each export session opens its
// own. Every failure of the database (down, gone, refused login, missing table) is a
// ConnectivityError that stops the step; a bad row or a refused export change fails that object only.

import type { Connector, ConnectorType, DeltaImport } from "../../engine/connector.ts";
import type { FullImportItem } from "../../engine/types.ts";
import { sqlConfigFields, sqlConfigSchema, type SqlConfig } from "./sql-config.ts";
import { sqlCurrentWatermark, sqlDeltaImport } from "./sql-delta.ts";
import { sqlFailure, type SqlDialect, type SqlSession } from "./sql-dialect.ts";
import { openSqlExport } from "./sql-export.ts";
import { DEFAULT_BATCH_SIZE, sqlDiscoverSchema, sqlFullImport } from "./sql-import.ts";
import { loadLayout, type SqlLayout } from "./sql-layout.ts";
import { mysqlDialect } from "./sql-mysql.ts";
import { postgresDialect } from "./sql-postgres.ts";
import { sqliteDialect } from "./sql-sqlite.ts";

/** The dialect of a config. */
export function dialectOf(config: SqlConfig): SqlDialect {
  if (config.dialect === "postgres") return postgresDialect;
  if (config.dialect === "sqlite") return sqliteDialect;
  return mysqlDialect;
}

/** Opens a connection; any failure is a ConnectivityError without the password. */
async function connect(dialect: SqlDialect, config: SqlConfig): Promise<SqlSession> {
  try {
    return await dialect.connect(config);
  } catch (e) {
    throw sqlFailure(dialect, config, e, "cannot connect", "sql-connect-failed");
  }
}

/** A connection with the configured tables checked against the catalog. */
async function openChecked(dialect: SqlDialect, config: SqlConfig): Promise<{ session: SqlSession; layout: SqlLayout }> {
  const session = await connect(dialect, config);
  try {
    return { session, layout: await loadLayout(dialect, session, config) };
  } catch (e) {
    await session.close();
    throw sqlFailure(dialect, config, e, "reading the catalog");
  }
}

/** Opens one use of a SQL MA. */
function createSqlConnector(config: SqlConfig): Connector {
  const dialect = dialectOf(config);
  let reader: Promise<{ session: SqlSession; layout: SqlLayout }> | null = null;

  const ready = () => (reader ??= openChecked(dialect, config).catch((e) => ((reader = null), Promise.reject(e))));
  /** After a failure the read connection is dropped, so the next call reconnects. */
  const failed = async (e: unknown, doing: string): Promise<Error> => {
    const open = reader;
    reader = null;
    await open?.then((r) => r.session.close()).catch(() => undefined);
    return sqlFailure(dialect, config, e, doing);
  };

  async function* guarded<T>(doing: string, source: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
    try {
      for await (const batch of await source()) yield batch;
    } catch (e) {
      throw await failed(e, doing);
    }
  }

  const connector: Connector = {
    async testConnection() {
      const { session } = await openChecked(dialect, config);
      await session.close();
    },
    async discoverSchema() {
      const { session, layout } = await ready();
      return sqlDiscoverSchema(session, layout).catch(async (e) => Promise.reject(await failed(e, "schema discovery")));
    },
    fullImport(options) {
      return guarded("full import", async () => {
        const { session, layout } = await ready();
        return sqlFullImport(session, layout, options?.batchSize ?? DEFAULT_BATCH_SIZE);
      });
    },
    async openExport() {
      const { session, layout } = await openChecked(dialect, config);
      return openSqlExport(session, layout);
    },
    async close() {
      const open = reader;
      reader = null;
      await open?.then((r) => r.session.close()).catch(() => undefined);
    },
  };
  if (config.deltaMode !== "none") {
    connector.deltaImport = async (watermark, options): Promise<DeltaImport> => {
      const { session, layout } = await ready();
      const delta = sqlDeltaImport(session, layout, watermark, options?.batchSize ?? DEFAULT_BATCH_SIZE);
      return { changes: guarded("delta import", async () => delta.changes), watermark: delta.watermark };
    };
    connector.currentWatermark = async () => {
      const { session, layout } = await ready();
      return sqlCurrentWatermark(session, layout).catch(async (e) => Promise.reject(await failed(e, "reading the watermark")));
    };
  }
  return connector;
}

/**
 * The first `n` import items of a SQL MA's table (objects as the engine would see them, with
 * their multi-valued attributes), for the MA Designer's preview. `config` is a raw config.
 */
export async function preview(config: unknown, n = 20): Promise<FullImportItem[]> {
  const connector = createSqlConnector(sqlConfigSchema.parse(config));
  const items: FullImportItem[] = [];
  try {
    for await (const batch of connector.fullImport({ batchSize: Math.max(1, n) })) {
      items.push(...batch);
      if (items.length >= n) break;
    }
  } finally {
    await connector.close();
  }
  return items.slice(0, n);
}

/** The `sql` connector type (see sql-config.ts for its settings). */
export const sqlConnectorType: ConnectorType<SqlConfig> = {
  type: "sql",
  label: "SQL table or view (PostgreSQL, MariaDB/MySQL, SQLite)",
  capabilities: { supportsDelta: true, supportsExport: true, supportsPassword: false },
  configSchema: sqlConfigSchema,
  fields: sqlConfigFields,
  create: createSqlConnector,
};
