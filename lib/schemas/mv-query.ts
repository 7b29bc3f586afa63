// The Metaverse Search query builder's query: client-safe, shared by the form, the page and the REST API.
// Its state lives in the URL so a search is shareable: clauses are aligned repeated parameters
// (attr=title&op=contains&value=eng&attr=department&op=equals&value=Research), chosen columns are
// repeated col=, and the page is a keyset cursor (after= or before= an mventry id, never an offset).
import { z } from "zod";

export const MV_QUERY_OPERATORS = ["equals", "startsWith", "contains", "present", "notPresent"] as const;
export type MvQueryOperator = (typeof MV_QUERY_OPERATORS)[number];

export const MV_QUERY_OPERATOR_LABELS: Record<MvQueryOperator, string> = {
  equals: "equals",
  startsWith: "starts with",
  contains: "contains",
  present: "is present",
  notPresent: "is not present",
};

/** Operators that test only whether the attribute has a value. */
export const VALUELESS_OPERATORS: readonly MvQueryOperator[] = ["present", "notPresent"];

export const MV_QUERY_MAX_CLAUSES = 8;
export const MV_QUERY_MAX_COLUMNS = 12;
export const MV_QUERY_DEFAULT_SIZE = 25;
export const MV_QUERY_MAX_SIZE = 200;

const attrName = z
  .string()
  .trim()
  .min(1, "choose an attribute")
  .max(64, "an attribute name is at most 64 characters")
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "an attribute name starts with a letter and holds only letters, digits, _ and -");

/** mventry ids are UUIDs (v7 now, v4 before): anything else is not a cursor we handed out. */
const cursor = z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, "not a page cursor").optional();

export const mvQueryClauseSchema = z
  .object({
    attr: attrName,
    op: z.enum(MV_QUERY_OPERATORS, { error: `the operator is one of ${MV_QUERY_OPERATORS.join(", ")}` }),
    value: z.string().trim().max(256, "a search value is at most 256 characters").default(""),
  })
  .superRefine((c, ctx) => {
    if (!VALUELESS_OPERATORS.includes(c.op) && c.value === "") ctx.addIssue({ code: "custom", path: ["value"], message: "enter a value to search for" });
  })
  // a present / not present clause carries no value, whatever the form sent
  .transform((c) => (VALUELESS_OPERATORS.includes(c.op) ? { ...c, value: "" } : c));
export type MvQueryClause = z.infer<typeof mvQueryClauseSchema>;

export const mvQuerySchema = z
  .object({
    objectType: z.string().trim().min(1, "choose an object type").max(64),
    /** one combinator for the whole query: every clause (and) or any clause (or) */
    join: z.enum(["and", "or"], { error: "join is and or or" }).default("and"),
    clauses: z.array(mvQueryClauseSchema).min(1, "add at least one clause").max(MV_QUERY_MAX_CLAUSES, `at most ${MV_QUERY_MAX_CLAUSES} clauses`),
    /** attributes shown as columns; empty = the service's default set */
    columns: z.array(attrName).max(MV_QUERY_MAX_COLUMNS, `at most ${MV_QUERY_MAX_COLUMNS} columns`).default([]),
    after: cursor,
    before: cursor,
    size: z.coerce.number().int("the page size is a whole number").min(1, "the page size is at least 1").max(MV_QUERY_MAX_SIZE, `the page size is at most ${MV_QUERY_MAX_SIZE}`).default(MV_QUERY_DEFAULT_SIZE),
  })
  .refine((q) => !(q.after && q.before), { path: ["after"], message: "a page is either after or before a cursor, not both" });
export type MvQuery = z.infer<typeof mvQuerySchema>;
export type MvQueryInput = z.input<typeof mvQuerySchema>;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Whether the URL asks for a search at all (a bare page shows only the form). */
export function hasMvQuery(params: Params): boolean {
  return getAll(params, "attr").length > 0;
}

/**
 * The raw query of a URL, to be parsed by mvQuerySchema. The `match=equals|prefix` of the one-clause
 * search this page had before still works, so old bookmarks keep finding what they found.
 */
export function mvQueryFromParams(params: Params, typeKey = "objectType"): MvQueryInput {
  const attrs = getAll(params, "attr");
  const ops = getAll(params, "op");
  const values = getAll(params, "value");
  const legacyMatch = getAll(params, "match")[0];
  const legacyOp = legacyMatch === "prefix" ? "startsWith" : legacyMatch === "equals" ? "equals" : undefined;
  const one = (k: string) => getAll(params, k)[0];
  return {
    objectType: one(typeKey) ?? "",
    join: (one("join") ?? undefined) as MvQueryInput["join"],
    clauses: attrs.map((attr, i) => ({ attr, op: (ops[i] ?? legacyOp ?? "equals") as MvQueryOperator, value: values[i] ?? "" })),
    columns: getAll(params, "col").filter((c) => c !== ""),
    after: one("after") || undefined,
    before: one("before") || undefined,
    size: one("size") || undefined,
  };
}

/** The URL parameters of a query (the inverse of mvQueryFromParams); the cursor is given per link. */
export function mvQueryToParams(q: MvQuery, page: { after?: string; before?: string } = {}, typeKey = "objectType"): URLSearchParams {
  const p = new URLSearchParams();
  p.set(typeKey, q.objectType);
  p.set("join", q.join);
  for (const c of q.clauses) {
    p.append("attr", c.attr);
    p.append("op", c.op);
    p.append("value", c.value);
  }
  for (const c of q.columns) p.append("col", c);
  if (q.size !== MV_QUERY_DEFAULT_SIZE) p.set("size", String(q.size));
  if (page.after) p.set("after", page.after);
  if (page.before) p.set("before", page.before);
  return p;
}

/** Messages by dotted path (clauses.1.value), so the form shows each next to its control. */
export function mvQueryFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "query"] ??= []).push(issue.message);
  return out;
}
