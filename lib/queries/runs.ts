// react-query options for run history (Operations polls /api/runs with its filters every 2 s).
import { queryOptions } from "@tanstack/react-query";
import { isLiveRunStatus, type Page, type RunDetail, type RunSummary } from "../dto/run.ts";

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

/** One page of run history; `filters` are the URL search params of the run history filters. */
export function runsQueryOptions(filters: string, page: number, pageSize: number) {
  const q = new URLSearchParams(filters);
  q.set("page", String(page));
  q.set("pageSize", String(pageSize));
  return queryOptions({
    queryKey: ["runs", q.toString()] as const,
    queryFn: async (): Promise<Page<RunSummary>> => {
      const body = await getJson<{ runs: RunSummary[]; page: number; pageSize: number; total: number }>(`/api/runs?${q.toString()}`);
      return { items: body.runs, page: body.page, pageSize: body.pageSize, total: body.total };
    },
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
