// react-query options for run history (Operations polls /api/runs every 2 s).
import { queryOptions } from "@tanstack/react-query";
import { isLiveRunStatus, type RunDetail, type RunSummary } from "../dto/run.ts";

export const RUNS_POLL_MS = 2_000;
/** A run detail page polls this often while the run is queued or in progress. */
export const RUN_LIVE_POLL_MS = 1_000;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `${url} answered ${res.status}`);
  }
  return (await res.json()) as T;
}

export function runsQueryOptions(limit = 50) {
  return queryOptions({
    queryKey: ["runs", { limit }] as const,
    queryFn: async () => (await getJson<{ runs: RunSummary[] }>(`/api/runs?limit=${limit}`)).runs,
    refetchInterval: RUNS_POLL_MS,
  });
}

export function runQueryOptions(runId: string) {
  return queryOptions({
    queryKey: ["runs", "detail", runId] as const,
    queryFn: async () => (await getJson<{ run: RunDetail }>(`/api/runs/${encodeURIComponent(runId)}`)).run,
    // Poll while the run goes; stop once it ended (its record no longer changes).
    refetchInterval: (query) => (query.state.data && !isLiveRunStatus(query.state.data.status) ? false : RUN_LIVE_POLL_MS),
    refetchIntervalInBackground: true,
  });
}
