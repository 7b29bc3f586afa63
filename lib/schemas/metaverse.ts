// Client-safe input schemas of the Metaverse Designer and Metaverse Search (forms and API share them).
import { z } from "zod";

export const MV_ATTRIBUTE_TYPES = ["string", "integer", "boolean", "datetime", "reference", "binary"] as const;
export const PRECEDENCE_MODES = ["ranked", "equal", "manual"] as const;

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} name is required`)
    .max(64, `${what} name is at most 64 characters`)
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, `${what} name starts with a letter and holds only letters, digits, _ and -`);

/** A checkbox posts "on" or nothing; JSON clients send a boolean. */
const checkbox = (dflt: boolean) =>
  z.preprocess((v) => (v === undefined || v === null ? dflt : v === true || v === "on" || v === "true"), z.boolean());

export const objectTypeInputSchema = z.object({
  name: name("object type"),
  description: z.string().trim().max(500, "description is at most 500 characters").default(""),
});
export type ObjectTypeInput = z.infer<typeof objectTypeInputSchema>;

export const attributeInputSchema = z.object({
  objectType: name("object type"),
  name: name("attribute"),
  type: z.enum(MV_ATTRIBUTE_TYPES, { error: `type is one of ${MV_ATTRIBUTE_TYPES.join(", ")}` }),
  multiValued: checkbox(false),
  indexed: checkbox(true),
  precedence: z.enum(PRECEDENCE_MODES, { error: `precedence is one of ${PRECEDENCE_MODES.join(", ")}` }).default("ranked"),
});
export type AttributeInput = z.infer<typeof attributeInputSchema>;

export const mvSearchInputSchema = z.object({
  objectType: z.string().trim().min(1, "choose an object type"),
  attr: z.string().trim().min(1, "choose an attribute"),
  value: z.string().trim().min(1, "enter a value to search for").max(256, "a search value is at most 256 characters"),
  match: z.enum(["equals", "prefix"]).default("equals"),
});
export type MvSearchInput = z.infer<typeof mvSearchInputSchema>;

