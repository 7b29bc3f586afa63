"use client";
// The third page: where the objects are. LDAP: partitions (the naming contexts of the server's
// root DSE, from the connection test) and the container (base DN, scope, filter); files: the
// format, with a sample read the way a full import reads it; SQL: the table or view.
import type { FileSampleView, SchemaDiscoveryView, SqlTableView } from "../../lib/dto/ma-designer.ts";
import { Button, Section } from "../ui/form.tsx";
import { DiscoverButton, PreviewTable, type Discovering } from "./discovery-view.tsx";
import { FileSample } from "./file-sample.tsx";
import { SettingsFields, type SettingsProps } from "./settings-fields.tsx";

function NamingContexts({ contexts, onUse }: { contexts: string[] | undefined; onUse: (dn: string) => void }) {
  return (
    <Section title="Partitions (naming contexts of the server)">
      {contexts === undefined ? <p className="text-slate-500">Test the connection on the Connect page to list the server&apos;s partitions.</p> : null}
      {contexts?.length === 0 ? <p className="text-slate-500">The server&apos;s root DSE names no naming contexts; enter the base DN.</p> : null}
      <ul className="flex flex-col gap-1" aria-label="Naming contexts">
        {contexts?.map((dn) => (
          <li key={dn} className="flex items-center gap-2">
            <code className="text-xs">{dn}</code>
            <Button type="button" variant="secondary" onClick={() => onUse(dn)} aria-label={`Use ${dn} as the base DN`}>Use</Button>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-500">The base DN may be a container inside a partition, e.g. ou=people,dc=example,dc=com.</p>
    </Section>
  );
}

function SqlTables({ tables, onUse }: { tables: SqlTableView[] | undefined; onUse: (t: SqlTableView) => void }) {
  return (
    <Section title="Tables and views">
      {tables === undefined ? <p className="text-slate-500">Test the connection on the Connect page to list the database&apos;s tables and views.</p> : null}
      {tables?.length === 0 ? <p className="text-slate-500">This login sees no tables or views; enter the table name.</p> : null}
      <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto" aria-label="Tables and views">
        {tables?.map((t) => (
          <li key={`${t.schema}.${t.name}`} className="flex items-center gap-2">
            <code className="text-xs">{t.schema}.{t.name}</code>
            <span className="text-xs text-slate-500">{t.kind}</span>
            <Button type="button" variant="secondary" onClick={() => onUse(t)} aria-label={`Use ${t.schema}.${t.name}`}>Use</Button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function StepScope(props: SettingsProps & Discovering & {
  type: string;
  namingContexts: string[] | undefined;
  tables: SqlTableView[] | undefined;
  /** sets several settings at once (a table and its schema). */
  onChangeValues: (values: Record<string, string>) => void;
  /** file MAs: the file's first lines (null for other types). */
  fileSample: { pending: boolean; result: FileSampleView | null } | null;
}) {
  const result: SchemaDiscoveryView | null = props.discovery.result;
  return (
    <div className="flex flex-col gap-3">
      {props.type === "ldap" ? <NamingContexts contexts={props.namingContexts} onUse={(dn) => props.onChange("baseDn", dn)} /> : null}
      {props.type === "sql" ? (
        <SqlTables
          tables={props.tables}
          // SQLite has one schema; elsewhere the table's schema (database) is named explicitly.
          onUse={(t) => props.onChangeValues(t.schema === "main" ? { table: t.name } : { table: t.name, schema: t.schema })}
        />
      ) : null}
      <SettingsFields {...props} />
      {props.fileSample ? <FileSample sample={props.fileSample.result} pending={props.fileSample.pending} /> : null}
      <DiscoverButton {...props} label={props.type === "ldap" ? "Preview entries" : props.type === "sql" ? "Preview rows" : "Preview as a full import reads it"} />
      <PreviewTable result={result} />
    </div>
  );
}
