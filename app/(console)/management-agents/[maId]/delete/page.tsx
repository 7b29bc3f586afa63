import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteMaForm } from "../../../../../components/management-agents/delete-ma-form.tsx";
import { Notice } from "../../../../../components/ui/form.tsx";
import { PageHeader } from "../../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../../lib/errors/app-error.ts";
import { getMaDeletionImpact } from "../../../../../lib/services/ma-deletion.ts";
import { deleteMaAction } from "../../actions.ts";

export const metadata: Metadata = { title: "Delete management agent" };
export const dynamic = "force-dynamic";

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export default async function DeleteManagementAgentPage({ params }: { params: Promise<{ maId: string }> }) {
  const user = await requirePageRole("admin");
  const { maId } = await params;
  const impact = await getMaDeletionImpact(user, maId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const kept = impact.mventriesLosingConnector - impact.mventriesDeleted;
  return (
    <>
      <PageHeader
        title={`Delete ${impact.maName}`}
        description={<Link href={`/management-agents/${impact.maId}`} className="text-sky-700 hover:underline">← {impact.maName}</Link>}
      />
      {impact.activeRun ? (
        <div className="mb-4">
          <Notice tone="error">
            {impact.maName} is running (<Link className="underline" href={`/operations/${impact.activeRun.id}`}>{impact.activeRun.profileName}</Link>): stop the run or wait for it to end, then delete it.
          </Notice>
        </div>
      ) : null}
      <section aria-label="What goes away" className="mb-5 max-w-3xl rounded border border-red-200 bg-red-50 p-3 text-red-950">
        <p className="mb-2 font-medium">Deleting {impact.maName} takes away, for good:</p>
        <ul className="ml-5 list-disc space-y-1" data-testid="deletion-impact">
          <li>its connector space: {n(impact.csObjects, "csentry", "csentries")};</li>
          <li>{n(impact.pendingExports, "pending export")} (never written to its system from now on);</li>
          <li>{n(impact.runProfiles.length, "run profile")}{impact.runProfiles.length ? `: ${impact.runProfiles.join(", ")}` : ""};</li>
          <li>its run history: {n(impact.runs, "run")};</li>
          <li>
            {n(impact.mventriesLosingConnector, "mventry", "mventries")} {impact.mventriesLosingConnector === 1 ? "loses its" : "lose their"} connector from {impact.maName}:{" "}
            {n(impact.mventriesDeleted, "has", "have")} no other connector and {impact.mventriesDeleted === 1 ? "is" : "are"} deleted;{" "}
            {kept} {kept === 1 ? "keeps its" : "keep their"} other connectors and get back, from the other management agents, the values {impact.maName} contributed.
          </li>
        </ul>
        <p className="mt-2 text-xs">
          What this changes for other management agents’ objects (export flows, provisioning and deprovisioning) is staged as their
          pending exports: nothing is written to a connected system until their next export run. The audit log records the deletion.
        </p>
      </section>
      <DeleteMaForm action={deleteMaAction} maId={impact.maId} maName={impact.maName} disabled={!!impact.activeRun} />
    </>
  );
}
