import type { Metadata } from "next";
import { ScheduleForm } from "../../../../components/schedules/schedule-form.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { scheduleStepChoices } from "../../../../lib/services/schedules.ts";
import { saveScheduleAction } from "../actions.ts";

export const metadata: Metadata = { title: "New schedule" };
export const dynamic = "force-dynamic";

export default async function NewSchedulePage() {
  const user = await requirePageRole("admin");
  const choices = await scheduleStepChoices(user);
  return (
    <>
      <PageHeader title="New schedule" description="A cron expression and the run profiles it starts, in order." />
      <ScheduleForm action={saveScheduleAction} choices={choices} />
    </>
  );
}
