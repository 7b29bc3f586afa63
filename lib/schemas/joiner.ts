// Client-safe input schemas of the Joiner actions.
import { z } from "zod";

const id = (what: string) => z.string().trim().min(1, `${what} is required`).max(100, `${what} is too long`);

export const joinInputSchema = z.object({ csId: id("csentry"), mvId: id("mventry") });
export const projectInputSchema = z.object({
  csId: id("csentry"),
  mvObjectType: z.string().trim().min(1, "choose a metaverse object type").max(64),
});
export const disconnectorStateInputSchema = z.object({
  csId: id("csentry"),
  state: z.enum(["explicit-disconnector", "normal-disconnector"], { error: "state is explicit-disconnector or normal-disconnector" }),
});
