// Client-safe input schemas of the run controls, run history filters and the run drill-down.
import { z } from "zod";
import { RUN_STATUSES } from "../engine/types.ts";

const id = (what: string) => z.string().trim().min(1, `${what} is required`).max(100, `${what} is too long`);

export const startRunInputSchema = z.object({
  maId: id("management agent"),
  profile: z.string().trim().min(1, "choose a run profile").max(200, "a run profile name is at most 200 characters"),
});
export type StartRunFormInput = z.infer<typeof startRunInputSchema>;

export const approveDeletesInputSchema = z.object({ maId: id("management agent") });

export const stopRunInputSchema = z.object({ runId: id("run") });

export const pageParam = z.coerce.number().int("page is a whole number").min(1, "page starts at 1").max(1_000_000).default(1);

export const stepDrillDownQuerySchema = z.object({
  counter: z.string().trim().min(1).max(100).regex(/^[a-z-]+$/, "a counter name holds lowercase letters and dashes").optional(),
  view: z.enum(["objects", "errors"]).default("objects"),
  page: pageParam,
});
export type StepDrillDownQuery = z.infer<typeof stepDrillDownQuerySchema>;

/** "" (an untouched select or date field of a GET form) means "no filter". */
const blankAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A calendar day, YYYY-MM-DD (UTC, as the console shows times). */
const day = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} is a date written YYYY-MM-DD`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, `${what} is not a date of the calendar`);

/** Run history filters as they stand in the Operations URL (and /api/runs): all optional. */
export const runHistoryQuerySchema = z
  .object({
    ma: z.preprocess(blankAsUndefined, z.string().trim().max(100, "a management agent id is at most 100 characters").optional()),
    profile: z.preprocess(blankAsUndefined, z.string().trim().max(200, "a run profile name is at most 200 characters").optional()),
    status: z.preprocess(blankAsUndefined, z.enum(RUN_STATUSES as [string, ...string[]], { error: `status is one of ${RUN_STATUSES.join(", ")}` }).optional()),
    from: z.preprocess(blankAsUndefined, day("the first day").optional()),
    to: z.preprocess(blankAsUndefined, day("the last day").optional()),
    page: pageParam,
    pageSize: z.coerce.number().int().min(1).max(200, "at most 200 runs a page").default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "the last day is before the first day" });
export type RunHistoryQuery = z.infer<typeof runHistoryQuerySchema>;

/** The filter part of a run history query as URL search params (page left out unless asked for). */
export function runHistorySearchParams(q: Partial<RunHistoryQuery>, page?: number): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["ma", "profile", "status", "from", "to"] as const) {
    const v = q[key];
    if (v) out.set(key, v);
  }
  if (page && page > 1) out.set("page", String(page));
  return out;
}
