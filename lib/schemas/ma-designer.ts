// Client-safe input schemas of the MA Designer (wizard state sent to its server actions).
import { z } from "zod";

/** Step types a run profile may hold (the service checks them against the run service's list too). */
export const MA_STEP_TYPES = [
  "full-import",
  "delta-import",
  "full-sync",
  "delta-sync",
  "export",
  "full-import-delta-sync",
  "delta-import-delta-sync",
] as const;

export const STEP_TYPE_LABELS: Record<(typeof MA_STEP_TYPES)[number], string> = {
  "full-import": "Full Import (stage only)",
  "delta-import": "Delta Import (stage only)",
  "full-sync": "Full Synchronization",
  "delta-sync": "Delta Synchronization",
  export: "Export",
  "full-import-delta-sync": "Full Import and Delta Synchronization",
  "delta-import-delta-sync": "Delta Import and Delta Synchronization",
};

export const DEPROVISION_ACTIONS = ["disconnector", "explicit-disconnector", "delete"] as const;

export const maName = z
  .string()
  .trim()
  .min(1, "the MA name is required")
  .max(100, "an MA name is at most 100 characters")
  .regex(/^[^/\\]+$/, "an MA name may not contain / or \\");

const optionalNumber = (max?: number) => {
  const base = z.number().nonnegative("must be 0 or more");
  return (max === undefined ? base : base.max(max, `must be at most ${max}`)).optional();
};

export const maSafetySchema = z.strictObject({
  deletionThresholdCount: optionalNumber().refine((v) => v === undefined || Number.isInteger(v), "must be a whole number"),
  deletionThresholdPercent: optionalNumber(100),
  errorLimit: z.number().int("must be a whole number").positive("must be 1 or more").optional(),
  maxDeletePercentOnImport: optionalNumber(100),
});
export type MaSafetyInput = z.infer<typeof maSafetySchema>;

export const runProfileInputSchema = z.strictObject({
  name: z.string().trim().min(1, "a run profile needs a name").max(100),
  steps: z.array(z.strictObject({ type: z.string().min(1) })).min(1, "a run profile needs at least one step"),
  schedule: z.string().trim().max(200).optional(),
});
export type RunProfileInput = z.infer<typeof runProfileInputSchema>;

const config = z.record(z.string(), z.unknown());

/** Test the connection / discover the schema: the type and its settings (maId: keep the stored secrets). */
export const maConnectionInputSchema = z.object({
  maId: z.string().trim().min(1).max(100).optional(),
  type: z.string().trim().min(1, "choose a connector type"),
  config,
});
export type MaConnectionInput = z.infer<typeof maConnectionInputSchema>;

export const rulesCheckInputSchema = z.object({ rules: z.unknown() });

/** The whole wizard, as saved on its last page. */
export const maDraftSchema = z.object({
  maId: z.string().trim().min(1).max(100).optional(),
  /** the saved draft this MA is created from (removed with the create). */
  draftId: z.string().trim().min(1).max(100).optional(),
  name: maName,
  description: z.string().trim().max(500, "a description is at most 500 characters").default(""),
  type: z.string().trim().min(1, "choose a connector type"),
  config,
  rules: z.record(z.string(), z.unknown()).default({}),
  safety: maSafetySchema.default({}),
  stagingMode: z.boolean().default(false),
  runProfiles: z.array(runProfileInputSchema).default([]),
});
export type MaDraftInput = z.input<typeof maDraftSchema>;
export type MaDraft = z.output<typeof maDraftSchema>;
