import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRun } from "../../../../components/operations/live-run.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { hasRole } from "../../../../lib/auth/roles.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { getRunDetail } from "../../../../lib/services/run-history.ts";
import { stopRunAction } from "../actions.ts";

export const metadata: Metadata = { title: "Run details" };
export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const user = await requirePageRole("helpdesk");
  const { runId } = await params;
  const run = await getRunDetail(user, runId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        title={`${run.maName} · ${run.profileName}`}
        description={
          <>
            <Link href="/operations" className="text-sky-700 hover:underline">← Run history</Link>
            {hasRole(user.role, "admin") ? (
              <> · <Link href={`/management-agents/${run.maId}`} className="text-sky-700 hover:underline">{run.maName}</Link></>
            ) : null}
          </>
        }
      />
      <LiveRun initialRun={run} stopAction={hasRole(user.role, "admin") ? stopRunAction : undefined} />
    </>
  );
}
