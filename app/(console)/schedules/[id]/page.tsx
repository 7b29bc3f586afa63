import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ScheduleForm } from "../../../../components/schedules/schedule-form.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { requirePageRole } from "../../../../lib/auth/page-guard.ts";
import { isAppError } from "../../../../lib/errors/app-error.ts";
import { getSchedule, scheduleStepChoices } from "../../../../lib/services/schedules.ts";
import { saveScheduleAction } from "../actions.ts";

export const metadata: Metadata = { title: "Edit schedule" };
export const dynamic = "force-dynamic";

export default async function EditSchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("admin");
  const { id } = await params;
  const schedule = await getSchedule(user, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const choices = await scheduleStepChoices(user);
  return (
    <>
      <PageHeader title={`Schedule: ${schedule.name}`} description="Changes apply to the next firing; a firing under way finishes as it started." />
      <ScheduleForm action={saveScheduleAction} choices={choices} initial={schedule} />
    </>
  );
}
