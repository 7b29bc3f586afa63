// The MA Designer's pages in order (after MIM's Management Agent Designer), shared by the wizard
// and the server's per-page check. Connector settings are spread over the pages from `connect` to
// `anchor` by each field's `page`; the rules sections each have a page.
import { z } from "zod";

export const MA_WIZARD_PAGES = [
  "create",
  "connect",
  "scope",
  "objectTypes",
  "attributes",
  "anchor",
  "connectorFilter",
  "joinProjection",
  "attributeFlow",
  "deprovisioning",
  "provisioning",
  "runProfiles",
  "summary",
] as const;
export type MaWizardPage = (typeof MA_WIZARD_PAGES)[number];

/** The pages holding connector settings (a field's `page`). */
export const SETTINGS_PAGES = ["connect", "scope", "objectTypes", "attributes", "anchor"] as const satisfies readonly MaWizardPage[];

/** The page owning a section of the rules (connectorFilters -> connectorFilter, ...). */
export const RULE_SECTION_PAGE: Record<string, MaWizardPage> = {
  connectorFilters: "connectorFilter",
  joinProjection: "joinProjection",
  importFlows: "attributeFlow",
  exportFlows: "attributeFlow",
  deprovision: "deprovisioning",
  deleteMvOnDisconnect: "deprovisioning",
  provisioning: "provisioning",
};

/** Next on a page: the page and the wizard's draft as it stands (parts may be unfinished). */
export const maPageCheckSchema = z.object({
  page: z.enum(MA_WIZARD_PAGES),
  draft: z.object({
    maId: z.string().trim().min(1).max(100).optional(),
    name: z.string().max(1000).default(""),
    description: z.string().max(5000).default(""),
    type: z.string().max(100).default(""),
    config: z.record(z.string(), z.unknown()).default({}),
    rules: z.record(z.string(), z.unknown()).default({}),
    safety: z.record(z.string(), z.unknown()).default({}),
    stagingMode: z.boolean().default(false),
    runProfiles: z.array(z.unknown()).default([]),
  }),
});
export type MaPageCheckInput = z.input<typeof maPageCheckSchema>;
