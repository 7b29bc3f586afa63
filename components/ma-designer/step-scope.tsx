"use client";
// The third page: where the objects are. LDAP: partitions (the naming contexts of the server's
// root DSE, from the connection test) and the container (base DN, scope, filter); files: the
// format, with a sample read the way a full import reads it; SQL: the table or view.
import type { FileSampleView, SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
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

export function StepScope(props: SettingsProps & Discovering & {
  type: string;
  namingContexts: string[] | undefined;
  /** file MAs: the file's first lines (null for other types). */
  fileSample: { pending: boolean; result: FileSampleView | null } | null;
}) {
  const result: SchemaDiscoveryView | null = props.discovery.result;
  return (
    <div className="flex flex-col gap-3">
      {props.type === "ldap" ? <NamingContexts contexts={props.namingContexts} onUse={(dn) => props.onChange("baseDn", dn)} /> : null}
      <SettingsFields {...props} />
      {props.fileSample ? <FileSample sample={props.fileSample.result} pending={props.fileSample.pending} /> : null}
      <DiscoverButton {...props} label={props.type === "ldap" ? "Preview entries" : props.type === "sql" ? "Preview rows" : "Preview as a full import reads it"} />
      <PreviewTable result={result} />
    </div>
  );
}
