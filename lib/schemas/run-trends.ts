// Client-safe query schema of /api/runs/trends (the Operations charts).
import { z } from "zod";

export const RUN_TRENDS_MAX = 200;

export const runTrendsQuerySchema = z.object({
  maId: z.string().trim().min(1).max(100, "a management agent id is at most 100 characters").optional(),
  limit: z.coerce.number().int("limit is a whole number").min(1, "limit is at least 1").max(RUN_TRENDS_MAX, `limit is at most ${RUN_TRENDS_MAX}`).default(50),
});
export type RunTrendsQuery = z.infer<typeof runTrendsQuerySchema>;
