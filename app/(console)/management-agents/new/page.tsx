import type { Metadata } from "next";
import Link from "next/link";
import { MaWizard } from "../../../../components/ma-designer/ma-wizard.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { listConnectorTypes } from "../../../../lib/services/ma-designer.ts";
import { listMetaverseModel } from "../../../../lib/services/metaverse-designer.ts";
import { checkPageAction, checkRulesAction, discoverSchemaAction, probeConnectionAction, sampleFileAction, saveMaAction } from "./actions.ts";
import { importPrecedenceAction, previewExpressionAction } from "./rule-actions.ts";

export const metadata: Metadata = { title: "New management agent" };
export const dynamic = "force-dynamic";

export default async function NewManagementAgentPage() {
  const user = await requirePageRole("admin");
  const model = await listMetaverseModel(user);
  return (
    <>
      <PageHeader title="New management agent" description={<><Link href="/management-agents" className="text-sky-700 hover:underline">← Management Agents</Link> · MA Designer</>} />
      <MaWizard types={listConnectorTypes(user)} model={model} initial={null}
        actions={{ probeConnection: probeConnectionAction, discoverSchema: discoverSchemaAction, sampleFile: sampleFileAction, checkRules: checkRulesAction, checkPage: checkPageAction, save: saveMaAction,
          previewExpression: previewExpressionAction, importPrecedence: importPrecedenceAction }} />
    </>
  );
}
