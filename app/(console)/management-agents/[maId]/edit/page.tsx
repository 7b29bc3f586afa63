import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MaWizard } from "../../../../../components/ma-designer/ma-wizard.tsx";
import { PageHeader } from "../../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../../lib/errors/app-error.ts";
import { listConnectorTypes, loadMaForDesigner } from "../../../../../lib/services/ma-designer.ts";
import { listMetaverseModel } from "../../../../../lib/services/metaverse-designer.ts";
import { checkPageAction, checkRulesAction, discoverSchemaAction, probeConnectionAction, sampleFileAction, saveMaAction } from "../../new/actions.ts";
import { importPrecedenceAction, previewExpressionAction } from "../../new/rule-actions.ts";

export const metadata: Metadata = { title: "Edit management agent" };
export const dynamic = "force-dynamic";

export default async function EditManagementAgentPage({ params }: { params: Promise<{ maId: string }> }) {
  const user = await requirePageRole("admin");
  const { maId } = await params;
  const ma = await loadMaForDesigner(user, maId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const model = await listMetaverseModel(user);
  return (
    <>
      <PageHeader title={`Edit ${ma.name}`} description={<><Link href={`/management-agents/${ma.maId}`} className="text-sky-700 hover:underline">← {ma.name}</Link> · MA Designer · {ma.type}</>} />
      <MaWizard types={listConnectorTypes(user)} model={model} initial={ma}
        actions={{ probeConnection: probeConnectionAction, discoverSchema: discoverSchemaAction, sampleFile: sampleFileAction, checkRules: checkRulesAction, checkPage: checkPageAction, save: saveMaAction,
          previewExpression: previewExpressionAction, importPrecedence: importPrecedenceAction }} />
    </>
  );
}
