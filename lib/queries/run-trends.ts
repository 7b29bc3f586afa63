// react-query options of the Operations charts (refreshed every 10 s: a run adds one point when it ends).
import { queryOptions } from "@tanstack/react-query";
import type { RunTrends } from "../dto/dashboard.ts";

export const RUN_TRENDS_POLL_MS = 10_000;

export function runTrendsQueryOptions(maId: string | null, limit = 50) {
  return queryOptions({
    queryKey: ["runs", "trends", { maId, limit }] as const,
    queryFn: async () => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (maId) params.set("maId", maId);
      const res = await fetch(`/api/runs/trends?${params}`, { headers: { accept: "application/json" }, cache: "no-store" });
      const body = (await res.json().catch(() => null)) as { trends?: RunTrends; message?: string } | null;
      if (!res.ok || !body?.trends) throw new Error(body?.message ?? `/api/runs/trends answered ${res.status}`);
      return body.trends;
    },
    refetchInterval: RUN_TRENDS_POLL_MS,
  });
}
