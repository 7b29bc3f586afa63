// Client-safe zod schemas of the Schedules page: the form posts steps as a JSON array in one field.
import { z } from "zod";

export const scheduleStepSchema = z.object({
  ma: z.string().trim().min(1, "pick a management agent"),
  profile: z.string().trim().min(1, "pick a run profile"),
});

const stepsField = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}, z.array(scheduleStepSchema, "steps must be a list").min(1, "add at least one step").max(20, "at most 20 steps"));

const enabledField = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

export const scheduleInputSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(100),
  cron: z.string().trim().min(1, "cron expression is required").max(200),
  enabled: enabledField,
  steps: stepsField,
});
export type ScheduleInput = z.output<typeof scheduleInputSchema>;

export const scheduleUpdateSchema = scheduleInputSchema.extend({ id: z.string().min(1) });

export const scheduleIdSchema = z.object({ id: z.string().min(1) });

export const scheduleEnabledSchema = z.object({ id: z.string().min(1), enabled: enabledField });
