import type { Metadata } from "next";
import { AddAttributeForm } from "../../../components/metaverse/add-attribute-form.tsx";
import { AddObjectTypeForm } from "../../../components/metaverse/add-object-type-form.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Section } from "../../../components/ui/form.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { listMetaverseModel } from "../../../lib/services/metaverse-designer.ts";
import { addAttributeAction, addObjectTypeAction } from "./actions.ts";

export const metadata: Metadata = { title: "Metaverse Designer" };
export const dynamic = "force-dynamic";

export default async function MetaverseDesignerPage() {
  const user = await requirePageRole("admin");
  const types = await listMetaverseModel(user);
  return (
    <>
      <PageHeader title="Metaverse Designer" description="Object types of the metaverse and their attributes. Join, flow and precedence rules refer to these names." />
      <div className="grid gap-5 xl:grid-cols-[1fr_22rem]">
        <div>
          {types.length === 0 ? (
            <EmptyState title="No object types yet">
              Add one with the form (for example <code>person</code>), apply a configuration with <code>npx idsync config apply</code>,
              or restart with an empty database to get the demo model.
            </EmptyState>
          ) : (
            types.map((t) => (
              <Section key={t.name} title={`${t.name} · ${t.attributes.length} attribute${t.attributes.length === 1 ? "" : "s"} · ${t.objectCount} mventr${t.objectCount === 1 ? "y" : "ies"}`}>
                <div data-testid={`object-type-${t.name}`}>
                  {t.description ? <p className="mb-1 text-slate-500">{t.description}</p> : null}
                  {t.attributes.length === 0 ? (
                    <p className="rounded border border-dashed border-slate-300 bg-white px-3 py-2 text-slate-500">No attributes yet: add one with the form.</p>
                  ) : (
                    <Table label={`Attributes of ${t.name}`}>
                      <thead>
                        <tr><Th>Attribute</Th><Th>Type</Th><Th>Multi-valued</Th><Th>Indexed</Th><Th>Precedence</Th></tr>
                      </thead>
                      <tbody>
                        {t.attributes.map((a) => (
                          <tr key={a.name}>
                            <Td className="font-mono text-xs">{a.name}</Td>
                            <Td>{a.type}</Td>
                            <Td>{a.multiValued ? "yes" : "no"}</Td>
                            <Td>{a.indexed ? "yes" : "no"}</Td>
                            <Td>{a.precedence}</Td>
                          </tr>
                        ))}
                      </tbody>
                    </Table>
                  )}
                </div>
              </Section>
            ))
          )}
        </div>
        <div className="flex flex-col gap-4">
          <AddObjectTypeForm action={addObjectTypeAction} />
          <AddAttributeForm action={addAttributeAction} objectTypes={types.map((t) => t.name)} />
        </div>
      </div>
    </>
  );
}
