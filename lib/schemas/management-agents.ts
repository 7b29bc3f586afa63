// Client-safe input schemas of the MA page: staging mode and the pending-exports review.
import { z } from "zod";
import { pageParam } from "./runs.ts";

export const EXPORT_OPS = ["add", "update", "rename", "delete"] as const;
export const EXPORT_STATUSES = ["pending", "exported", "failed"] as const;

/** "" from an untouched select means "any". */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values, { error: `${what} is one of ${values.join(", ")}` }).optional());

export const pendingExportQuerySchema = z.object({
  dn: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(512, "a DN filter is at most 512 characters").optional()),
  op: optionalEnum(EXPORT_OPS, "operation"),
  status: optionalEnum(EXPORT_STATUSES, "status"),
  page: pageParam,
});
export type PendingExportQuery = z.infer<typeof pendingExportQuerySchema>;

export const pendingExportDownloadSchema = pendingExportQuerySchema.omit({ page: true }).extend({
  format: z.enum(["csv", "ldif"], { error: "format is csv or ldif" }),
});

export const stagingModeInputSchema = z.object({
  maId: z.string().trim().min(1).max(100),
  enabled: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});

/** Deleting an MA: the admin types its name (the service compares it with the MA's). */
export const deleteMaInputSchema = z.object({
  maId: z.string().trim().min(1).max(100),
  confirmName: z.string().max(200, "a management agent name is at most 200 characters"),
});

/** Uploading one MA's configuration (the YAML file's text). */
export const maConfigUploadSchema = z.object({
  maId: z.string().trim().min(1).max(100),
  yaml: z.string().refine((v) => v.trim() !== "", "choose a YAML file to upload").refine((v) => v.length <= 1_000_000, "the file is larger than 1 MB"),
});
