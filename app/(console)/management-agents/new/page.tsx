import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MaWizard } from "../../../../components/ma-designer/ma-wizard.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { listConnectorTypes } from "../../../../lib/services/ma-designer.ts";
import { loadMaDraft } from "../../../../lib/services/ma-drafts.ts";
import { listMetaverseModel } from "../../../../lib/services/metaverse-designer.ts";
import {
  checkPageAction, checkRulesAction, discoverSchemaAction, probeConnectionAction, sampleFileAction, saveMaAction, saveMaDraftAction,
} from "./actions.ts";
import { importPrecedenceAction, previewExpressionAction } from "./rule-actions.ts";

export const metadata: Metadata = { title: "New management agent" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

/** The MA Designer for a new MA; `?draft=<id>` resumes a saved draft on the page where it was left. */
export default async function NewManagementAgentPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("admin");
  const raw = (await searchParams).draft;
  const draftId = Array.isArray(raw) ? raw[0] : raw;
  const resume = draftId
    ? await loadMaDraft(user, draftId).catch((e: unknown) => {
      if (isAppError(e) && e.code === "NOT_FOUND") notFound();
      throw e;
    })
    : null;
  const model = await listMetaverseModel(user);
  return (
    <>
      <PageHeader title="New management agent" description={<><Link href="/management-agents" className="text-sky-700 hover:underline">← Management Agents</Link> · MA Designer</>} />
      <MaWizard key={resume?.id ?? "new"} types={listConnectorTypes(user)} model={model} initial={null} resume={resume}
        actions={{
          probeConnection: probeConnectionAction, discoverSchema: discoverSchemaAction, sampleFile: sampleFileAction, checkRules: checkRulesAction,
          checkPage: checkPageAction, saveDraft: saveMaDraftAction, save: saveMaAction,
          previewExpression: previewExpressionAction, importPrecedence: importPrecedenceAction,
        }} />
    </>
  );
}
