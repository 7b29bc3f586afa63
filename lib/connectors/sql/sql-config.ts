// Settings of a SQL management agent: the zod schema (also the MA Designer's validation) and the
// field list the Designer renders. The config is flat so every setting is one Designer field;
// `password` is an MA secret (encrypted at rest by lib/store, decrypted before the connector sees it).

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { dnTemplateSetting } from "../shared/dn-template.ts";

/** The SQL dialects (drivers: pg, mysql2, better-sqlite3). `mariadb` and `mysql` are the same driver. */
export const SQL_DIALECTS = ["postgres", "mariadb", "mysql", "sqlite"] as const;
export type SqlDialectName = (typeof SQL_DIALECTS)[number];

const name = z.string().trim().min(1, "a name is required");
/** One column name or a list of them (a composite anchor); always a non-empty list after parsing. */
const columnList = z
  .union([name, z.array(name)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .refine((v) => v.length > 0, "at least one column is required")
  .refine((v) => new Set(v).size === v.length, "a column is listed twice");

/** The config of a SQL MA (see docs/connectors/sql.md). */
export const sqlConfigSchema = z
  .strictObject({
    dialect: z.enum(SQL_DIALECTS),
    host: z.string().trim().min(1).default("127.0.0.1"),
    /** default: 5432 (postgres), 3306 (mariadb/mysql). */
    port: z.coerce.number().int().min(1).max(65535).optional(),
    database: z.string().trim().min(1).optional(),
    user: z.string().trim().min(1).optional(),
    /** an MA secret. */
    password: z.string().optional(),
    ssl: z.boolean().default(false),
    /** sqlite: the database file (must exist). */
    file: z.string().trim().min(1).optional(),
    /** postgres: schema (default: current_schema()); mariadb/mysql: database (default: the connection's). */
    schema: z.string().trim().min(1).optional(),
    /** the table or view holding one row per object. */
    table: name,
    /** anchor column(s); several make a composite anchor, encoded as a JSON array of the values. */
    anchor: columnList,
    objectType: z.string().trim().min(1).default("person"),
    objectTypeColumn: name.optional(),
    /** DN built from columns, e.g. `uid={uid},ou=people`; without it the DN is the anchor. */
    dnTemplate: dnTemplateSetting("column"),
    /** columns whose values are DNs of other objects (manager). */
    referenceColumns: z.array(name).default([]),
    /** a second table of (anchor..., attribute name, value) rows: the multi-valued attributes. */
    multiValueTable: name.optional(),
    /** its anchor column(s), in the order of `anchor` (default: the same names). */
    multiValueAnchor: columnList.optional(),
    multiValueNameColumn: name.default("attribute"),
    multiValueValueColumn: name.default("value"),
    /** multi-valued attribute names known up front (discovery also reads the names in the table). */
    multiValueAttributes: z.array(name).default([]),
    /** multi-valued attributes whose values are DNs (member). */
    multiValueReferences: z.array(name).default([]),
    /** none: delta import = full import; table: a delta table; column: an updated_at/rowversion column. */
    deltaMode: z.enum(["none", "table", "column"]).default("none"),
    deltaTable: name.optional(),
    /** the delta table's anchor column(s), in the order of `anchor` (default: the same names). */
    deltaAnchor: columnList.optional(),
    deltaChangeTypeColumn: name.default("change_type"),
    /** a strictly increasing sequence (or a timestamp) of the delta table. */
    deltaSequenceColumn: name.default("seq"),
    /** column mode: the updated_at / rowversion column of `table`. */
    deltaColumn: name.optional(),
    /** objects per export transaction. */
    exportTransactionSize: z.coerce.number().int().min(1).max(10_000).default(500),
    connectTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
  })
  .superRefine((c, ctx) => {
    const need = (ok: unknown, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path: [path], message });
    };
    if (c.dialect === "sqlite") need(c.file, "file", "a SQLite database file is required");
    else {
      need(c.database, "database", `a database is required for ${c.dialect}`);
      need(c.user, "user", `a user is required for ${c.dialect}`);
    }
    if (c.deltaMode === "table") need(c.deltaTable, "deltaTable", "delta mode `table` needs the delta table");
    if (c.deltaMode === "column") need(c.deltaColumn, "deltaColumn", "delta mode `column` needs the updated_at/rowversion column");
    for (const [field, cols] of [["multiValueAnchor", c.multiValueAnchor], ["deltaAnchor", c.deltaAnchor]] as const) {
      if (cols && cols.length !== c.anchor.length) need(false, field, `must name ${c.anchor.length} column(s), like anchor`);
    }
  });

/** Config after defaults. */
export type SqlConfig = z.output<typeof sqlConfigSchema>;

/** The connection's default port. */
export function defaultPort(dialect: SqlDialectName): number {
  return dialect === "postgres" ? 5432 : 3306;
}

/** "postgres alice@db:5432/hr" or "sqlite /data/hr.db": names the system in messages (never the password). */
export function describeTarget(c: SqlConfig): string {
  if (c.dialect === "sqlite") return `sqlite ${c.file}`;
  return `${c.dialect} ${c.user}@${c.host}:${c.port ?? defaultPort(c.dialect)}/${c.database}`;
}

/** The MA Designer's settings page for a SQL MA. */
export const sqlConfigFields: ConfigField[] = [
  { name: "dialect", label: "Database", kind: "select", required: true, options: [...SQL_DIALECTS] },
  { name: "host", label: "Host", kind: "text", default: "127.0.0.1" },
  { name: "port", label: "Port", kind: "number", help: "Default 5432 (PostgreSQL) or 3306 (MariaDB/MySQL)." },
  { name: "database", label: "Database", kind: "text" },
  { name: "user", label: "User", kind: "text" },
  { name: "password", label: "Password", kind: "secret", help: "Stored encrypted." },
  { name: "ssl", label: "TLS", kind: "boolean", default: false },
  { name: "file", label: "SQLite file", kind: "path", help: "SQLite only: the database file on the IdSync server." },
  { name: "schema", label: "Schema", kind: "text", help: "PostgreSQL schema or MySQL database of the table (default: the connection's).", page: "scope" },
  { name: "table", label: "Table or view", kind: "text", required: true, page: "scope" },
  { name: "anchor", label: "Anchor column(s)", kind: "list", required: true, help: "Several columns make a composite anchor (a JSON array of the values).", page: "anchor" },
  { name: "objectType", label: "Object type", kind: "text", default: "person", page: "objectTypes" },
  { name: "objectTypeColumn", label: "Object type column", kind: "text", page: "objectTypes" },
  { name: "dnTemplate", label: "DN template", kind: "text", help: "e.g. uid={uid},ou=people. Without it the DN is the anchor.", page: "anchor" },
  { name: "referenceColumns", label: "Reference columns", kind: "list", default: [], page: "attributes" },
  { name: "multiValueTable", label: "Multi-valued attribute table", kind: "text", help: "Rows of (anchor, attribute name, value).", page: "attributes" },
  { name: "multiValueAnchor", label: "Its anchor column(s)", kind: "list", page: "attributes" },
  { name: "multiValueNameColumn", label: "Its attribute name column", kind: "text", default: "attribute", page: "attributes" },
  { name: "multiValueValueColumn", label: "Its value column", kind: "text", default: "value", page: "attributes" },
  { name: "multiValueAttributes", label: "Multi-valued attributes", kind: "list", default: [], page: "attributes" },
  { name: "multiValueReferences", label: "Multi-valued reference attributes", kind: "list", default: [], page: "attributes" },
  { name: "deltaMode", label: "Delta import", kind: "select", options: ["none", "table", "column"], default: "none", help: "A delta table, or an updated_at/rowversion column (deletes need a full import).", page: "scope" },
  { name: "deltaTable", label: "Delta table or view", kind: "text", page: "scope" },
  { name: "deltaAnchor", label: "Delta anchor column(s)", kind: "list", page: "scope" },
  { name: "deltaChangeTypeColumn", label: "Change type column", kind: "text", default: "change_type", help: "add/insert/I, update/modify/U, delete/D.", page: "scope" },
  { name: "deltaSequenceColumn", label: "Sequence column", kind: "text", default: "seq", page: "scope" },
  { name: "deltaColumn", label: "updated_at / rowversion column", kind: "text", page: "scope" },
  { name: "exportTransactionSize", label: "Objects per export transaction", kind: "number", default: 500 },
  { name: "connectTimeoutMs", label: "Connect timeout (ms)", kind: "number", default: 10_000 },
];
