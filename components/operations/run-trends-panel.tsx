"use client";
// Operations trends: the charts of the last ended runs, of every MA or of the one chosen. Its own
// component (and query) so the run history table beside it stays as it is.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { runTrendsQueryOptions } from "../../lib/queries/run-trends.ts";
import { RunTrendCharts } from "./run-trend-charts.tsx";

const TREND_RUNS = 50;

export function RunTrendsPanel() {
  const [maId, setMaId] = useState<string | null>(null);
  const { data, error, isPending } = useQuery({ ...runTrendsQueryOptions(maId, TREND_RUNS), placeholderData: keepPreviousData });
  return (
    <section aria-labelledby="run-trends" className="mb-5">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="run-trends" className="text-sm font-semibold text-slate-700">Trends of the last {TREND_RUNS} ended runs</h2>
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          Management agent
          <select
            aria-label="Trends: management agent"
            className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs"
            value={maId ?? ""}
            onChange={(e) => setMaId(e.target.value || null)}
          >
            <option value="">All</option>
            {data?.managementAgents.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        {error ? <span className="text-xs text-red-600" role="alert">Charts could not refresh: {error.message}</span> : null}
      </div>
      {isPending ? (
        <p className="text-xs text-slate-500">Loading charts…</p>
      ) : !data || data.runs.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white px-3 py-4 text-center text-slate-500">No ended run{maId ? " of this management agent" : ""} yet: the charts fill as runs end.</p>
      ) : (
        <RunTrendCharts runs={data.runs} />
      )}
    </section>
  );
}
