// Client-safe input schemas of the run controls and the run drill-down.
import { z } from "zod";

const id = (what: string) => z.string().trim().min(1, `${what} is required`).max(100, `${what} is too long`);

export const startRunInputSchema = z.object({
  maId: id("management agent"),
  profile: z.string().trim().min(1, "choose a run profile").max(200, "a run profile name is at most 200 characters"),
});
export type StartRunFormInput = z.infer<typeof startRunInputSchema>;

export const approveDeletesInputSchema = z.object({ maId: id("management agent") });

export const pageParam = z.coerce.number().int("page is a whole number").min(1, "page starts at 1").max(1_000_000).default(1);

export const stepDrillDownQuerySchema = z.object({
  counter: z.string().trim().min(1).max(100).regex(/^[a-z-]+$/, "a counter name holds lowercase letters and dashes").optional(),
  view: z.enum(["objects", "errors"]).default("objects"),
  page: pageParam,
});
export type StepDrillDownQuery = z.infer<typeof stepDrillDownQuerySchema>;
