// The configured tables checked against the database's catalog. Every table and column name the
// connector puts into SQL comes from here: it exists in the catalog (exact spelling) and is quoted
// by the dialect. A name that is not in the catalog stops the step with a message naming the setting.

import { ConnectivityError } from "../../engine/connector.ts";
import type { AttributeType } from "../../engine/types.ts";
import { templateAttributes } from "../shared/dn-template.ts";
import { describeTarget, type SqlConfig } from "./sql-config.ts";
import type { SqlDialect, SqlSession, TableInfo } from "./sql-dialect.ts";
import { attributeType, valueReader, type ValueReader } from "./sql-values.ts";

/** A checked column: its attribute type and how its values are read. */
export interface LayoutColumn {
  name: string;
  quoted: string;
  type: AttributeType;
  read: ValueReader;
}

/** A checked table: qualified quoted name and columns by name. */
export interface LayoutTable {
  name: string;
  ref: string;
  columns: Map<string, LayoutColumn>;
}

/** The multi-valued attribute table. */
export interface MultiValueLayout extends LayoutTable {
  anchor: LayoutColumn[];
  nameColumn: LayoutColumn;
  valueColumn: LayoutColumn;
}

/** Delta import: a delta table, or a change column of the main table. */
export type DeltaLayout =
  | (LayoutTable & { mode: "table"; anchor: LayoutColumn[]; changeType: LayoutColumn; sequence: LayoutColumn })
  | { mode: "column"; column: LayoutColumn };

/** The configured tables and columns, checked and quoted. */
export interface SqlLayout {
  dialect: SqlDialect;
  config: SqlConfig;
  main: LayoutTable;
  anchor: LayoutColumn[];
  objectTypeColumn?: LayoutColumn;
  mv?: MultiValueLayout;
  delta?: DeltaLayout;
}

function tableRef(dialect: SqlDialect, info: TableInfo): string {
  return `${dialect.quote(info.schema)}.${dialect.quote(info.name)}`;
}

async function loadTable(dialect: SqlDialect, session: SqlSession, config: SqlConfig, table: string, setting: string): Promise<LayoutTable> {
  const info = await dialect.describeTable(session, config.schema, table);
  if (!info) {
    const where = config.schema ? ` in schema "${config.schema}"` : "";
    throw new ConnectivityError("sql-table-not-found", `${describeTarget(config)}: ${setting}: table or view "${table}"${where} does not exist`);
  }
  const columns = new Map<string, LayoutColumn>();
  for (const c of info.columns) {
    const type = attributeType(dialect.kind, c.dataType);
    columns.set(c.name, { name: c.name, quoted: dialect.quote(c.name), type, read: valueReader(dialect.kind, type) });
  }
  return { name: table, ref: tableRef(dialect, info), columns };
}

function column(config: SqlConfig, table: LayoutTable, name: string, setting: string): LayoutColumn {
  const c = table.columns.get(name);
  if (c) return c;
  throw new ConnectivityError(
    "sql-column-not-found",
    `${describeTarget(config)}: ${setting}: "${name}" is not a column of ${table.name} (columns: ${[...table.columns.keys()].join(", ")})`,
  );
}

/** Reads the catalog for every configured table and checks every configured column. */
export async function loadLayout(dialect: SqlDialect, session: SqlSession, config: SqlConfig): Promise<SqlLayout> {
  const main = await loadTable(dialect, session, config, config.table, "table");
  const anchor = config.anchor.map((a) => column(config, main, a, "anchor"));
  const objectTypeColumn = config.objectTypeColumn ? column(config, main, config.objectTypeColumn, "objectTypeColumn") : undefined;
  for (const c of templateAttributes(config.dnTemplate)) column(config, main, c, "dnTemplate");
  for (const c of config.referenceColumns) column(config, main, c, "referenceColumns");
  for (const a of config.multiValueAttributes) {
    if (main.columns.has(a)) {
      throw new ConnectivityError("sql-bad-config", `${describeTarget(config)}: multiValueAttributes: "${a}" is a column of ${main.name}, not a multi-valued attribute`);
    }
  }

  let mv: MultiValueLayout | undefined;
  if (config.multiValueTable) {
    const t = await loadTable(dialect, session, config, config.multiValueTable, "multiValueTable");
    mv = {
      ...t,
      anchor: (config.multiValueAnchor ?? config.anchor).map((a) => column(config, t, a, "multiValueAnchor")),
      nameColumn: column(config, t, config.multiValueNameColumn, "multiValueNameColumn"),
      valueColumn: column(config, t, config.multiValueValueColumn, "multiValueValueColumn"),
    };
  }

  let delta: DeltaLayout | undefined;
  if (config.deltaMode === "table") {
    const t = await loadTable(dialect, session, config, config.deltaTable!, "deltaTable");
    delta = {
      ...t,
      mode: "table",
      anchor: (config.deltaAnchor ?? config.anchor).map((a) => column(config, t, a, "deltaAnchor")),
      changeType: column(config, t, config.deltaChangeTypeColumn, "deltaChangeTypeColumn"),
      sequence: column(config, t, config.deltaSequenceColumn, "deltaSequenceColumn"),
    };
  } else if (config.deltaMode === "column") {
    delta = { mode: "column", column: column(config, main, config.deltaColumn!, "deltaColumn") };
  }
  return { dialect, config, main, anchor, objectTypeColumn, mv, delta };
}

/** The quoted select list of every column of a table. */
export function selectList(table: LayoutTable): string {
  return [...table.columns.values()].map((c) => c.quoted).join(", ");
}

/** `$1, $2, ...` or `?, ?, ...` starting after `offset` parameters. */
export function placeholders(dialect: SqlDialect, count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => dialect.param(offset + i + 1));
}
