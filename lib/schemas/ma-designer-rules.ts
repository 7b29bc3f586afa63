// Client-safe input schemas of the MA Designer's rule pages (precedence across MAs, expression preview).
import { z } from "zod";

const id = z.string().trim().min(1).max(100);
const name = z.string().trim().max(200);

/** The wizard's unsaved import flows; only what ranking needs is read, the rest is ignored. */
const importFlowInput = z.object({
  objectType: name,
  mvObjectType: name,
  mv: name,
  cs: z.string().max(200).optional(),
  expression: z.string().max(10_000).optional(),
  precedence: z.number().int().min(0).optional(),
});

export const precedenceInputSchema = z.object({
  /** the MA being edited (its stored flows are replaced by `importFlows`); absent for a new MA. */
  maId: id.optional(),
  maName: name.default(""),
  importFlows: z.array(importFlowInput).max(1000),
});
export type PrecedenceInput = z.input<typeof precedenceInputSchema>;

const attrs = z.record(z.string().max(200), z.array(z.string().max(10_000)).max(1000));

export const expressionPreviewInputSchema = z.object({
  source: z.string().max(10_000),
  /** csentry expressions (filters, join, projection, import flows) or mventry ones (export flows, provisioning). */
  scope: z.enum(["csentry", "mventry"]),
  /** a condition shows true/false besides its values. */
  condition: z.boolean().default(false),
  /** csentry object type, or the metaverse object type for an mventry expression. */
  objectType: z.string().trim().min(1).max(200),
  /** a csentry from the connection preview the wizard holds. */
  sample: z.object({ dn: z.string().max(2000).default(""), anchor: z.string().max(2000).optional(), attrs }).optional(),
  /** without a sample: the first csentry of the type in this MA's connector space. */
  maId: id.optional(),
});
export type ExpressionPreviewInput = z.input<typeof expressionPreviewInputSchema>;
