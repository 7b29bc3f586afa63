// Client-safe schemas of MA Designer drafts: the wizard's state as the browser holds it (settings as
// form text), the page it was saved on, and the draft to resume or discard.
import { z } from "zod";
import { MA_WIZARD_PAGES } from "./ma-designer-pages.ts";

const text = (max: number) => z.string().max(max);

export const maDraftStateSchema = z.object({
  name: text(1000).default(""),
  description: text(5000).default(""),
  type: text(100).default(""),
  values: z.record(text(200), z.union([text(200_000), z.boolean()])).default({}),
  extraConfig: z.record(text(200), z.unknown()).default({}),
  /** the rules as the rule pages hold them: unchecked, a draft may be half-finished. */
  rules: z.record(text(200), z.unknown()).default({ deprovision: "disconnector" }),
  /** the rule pages' YAML view text while it was open. */
  rulesYaml: text(1_000_000).nullable().default(null),
  runProfiles: z.array(z.object({ name: text(200), steps: z.array(text(100)).max(100), schedule: text(200).default("") })).max(100).default([]),
  safety: z.object({
    deletionThresholdCount: text(50).default(""),
    deletionThresholdPercent: text(50).default(""),
    errorLimit: text(50).default(""),
    maxDeletePercentOnImport: text(50).default(""),
  }).default({ deletionThresholdCount: "", deletionThresholdPercent: "", errorLimit: "", maxDeletePercentOnImport: "" }),
  stagingMode: z.boolean().default(false),
});
export type MaDraftState = z.output<typeof maDraftStateSchema>;

/** "Save as draft": a new draft (no draftId) or the one being resumed. */
export const saveMaDraftSchema = z.object({
  draftId: z.string().trim().min(1).max(100).optional(),
  page: z.enum(MA_WIZARD_PAGES),
  state: maDraftStateSchema,
});
export type SaveMaDraftInput = z.input<typeof saveMaDraftSchema>;

export const maDraftIdSchema = z.object({ draftId: z.string().trim().min(1, "no draft named").max(100) });
