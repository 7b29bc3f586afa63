// Server actions of the public self-service pages: no role, zod validation, AppError -> ActionResult.
// Next checks the Origin of every server action against the host (CSRF protection for these forms).
import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import type { ActionResult } from "../dto/action-result.ts";
import { isAppError } from "../errors/app-error.ts";
import { clientAddress } from "../services/self-service/throttle.ts";
import { parseInput } from "./guarded.ts";

export async function publicAction<S extends z.ZodType, T>(schema: S, input: unknown, run: (data: z.output<S>, client: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = parseInput(schema, input);
    return { ok: true, data: await run(data, clientAddress(await headers())) };
  } catch (e) {
    if (isAppError(e)) {
      const details = e.details as { fieldErrors?: Record<string, string[] | undefined> } | undefined;
      const fieldErrors = Object.fromEntries(Object.entries(details?.fieldErrors ?? {}).filter((x): x is [string, string[]] => !!x[1]?.length));
      return { ok: false, code: e.code, message: e.message, fieldErrors };
    }
    console.error("[idsync] unexpected error in a self-service action:", e);
    return { ok: false, code: "INTERNAL", message: "something went wrong; try again later or ask your help desk", fieldErrors: {} };
  }
}

/** { q1: "...", ... } from fields named answer.q1, answer.q2, ... */
export function answersFrom(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith("answer.") && typeof v === "string") out[k.slice("answer.".length)] = v;
  return out;
}
