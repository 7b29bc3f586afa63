"use client";
// The three Operations charts over the last ended runs (oldest first): duration and objects/s as one
// line per MA, counter totals as stacked bars per run. Series are keyed by position (s0, s1, …), never
// by MA or counter name: recharts reads a string dataKey as a path, and names may contain dots.
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { RunTrendPoint } from "../../lib/dto/dashboard.ts";
import { AXIS_TICK, seriesColor, shortDateTime } from "../ui/chart-theme.ts";

type Row = { label: string; run: string } & Record<string, number | string | null>;

/** The counters shown one by one; the rest of a run's counters add up in "other". */
const TOP_COUNTERS = 7;

function perMaRows(runs: RunTrendPoint[], mas: string[], value: (r: RunTrendPoint) => number | null): Row[] {
  return runs.map((r) => {
    const row: Row = { label: shortDateTime(r.endedAt), run: `${r.maName} · ${r.profileName}` };
    row[`s${mas.indexOf(r.maName)}`] = value(r);
    return row;
  });
}

function Chart({ title, testId, points, children }: { title: string; testId: string; points: number; children: ReactNode }) {
  return (
    <figure aria-label={title} data-testid={testId} data-points={points} className="min-w-0 rounded border border-slate-200 bg-white p-2">
      <figcaption className="mb-1 text-xs font-semibold uppercase text-slate-500">{title}</figcaption>
      {children}
    </figure>
  );
}

const CHART_STYLE = { width: "100%", height: 220 } as const;
const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };

function PerMaLineChart({ rows, mas, unit }: { rows: Row[]; mas: string[]; unit: string }) {
  return (
    <LineChart responsive data={rows} style={CHART_STYLE} margin={MARGIN}>
      <CartesianGrid stroke="#e2e8f0" />
      <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={24} />
      <YAxis tick={AXIS_TICK} width={48} />
      <Tooltip labelFormatter={(_, p) => `${p?.[0]?.payload?.run ?? ""} · ${p?.[0]?.payload?.label ?? ""}`} formatter={(v, name) => [`${v} ${unit}`, name]} wrapperStyle={{ fontSize: 12 }} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {mas.map((ma, i) => (
        <Line key={ma} dataKey={`s${i}`} name={ma} stroke={seriesColor(i)} dot={{ r: 2.5 }} connectNulls isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

export function RunTrendCharts({ runs }: { runs: RunTrendPoint[] }) {
  const mas = [...new Set(runs.map((r) => r.maName))].sort();
  const durations = perMaRows(runs, mas, (r) => (r.durationMs === null ? null : r.durationMs / 1000));
  const rates = perMaRows(runs, mas, (r) => r.objectsPerSecond);

  const totals = new Map<string, number>();
  for (const r of runs) for (const [c, n] of Object.entries(r.counters)) totals.set(c, (totals.get(c) ?? 0) + n);
  const ranked = [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const shown = ranked.slice(0, TOP_COUNTERS);
  const hasOther = ranked.length > shown.length;
  const counterRows: Row[] = runs.map((r) => {
    const row: Row = { label: shortDateTime(r.endedAt), run: `${r.maName} · ${r.profileName}` };
    shown.forEach((c, i) => (row[`s${i}`] = r.counters[c] ?? 0));
    if (hasOther) row.other = Object.entries(r.counters).filter(([c]) => !shown.includes(c)).reduce((sum, [, n]) => sum + n, 0);
    return row;
  });

  return (
    <div className="grid gap-3 lg:grid-cols-3">
      <Chart title="Run duration (s)" testId="chart-duration" points={runs.length}>
        <PerMaLineChart rows={durations} mas={mas} unit="s" />
      </Chart>
      <Chart title="Objects per second" testId="chart-rate" points={runs.length}>
        <PerMaLineChart rows={rates} mas={mas} unit="objects/s" />
      </Chart>
      <Chart title="Counter totals per run" testId="chart-counters" points={runs.length}>
        <BarChart responsive data={counterRows} style={CHART_STYLE} margin={MARGIN}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={24} />
          <YAxis tick={AXIS_TICK} width={48} allowDecimals={false} />
          <Tooltip labelFormatter={(_, p) => `${p?.[0]?.payload?.run ?? ""} · ${p?.[0]?.payload?.label ?? ""}`} wrapperStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {shown.map((c, i) => (
            <Bar key={c} dataKey={`s${i}`} name={c} stackId="counters" fill={seriesColor(i)} isAnimationActive={false} />
          ))}
          {hasOther ? <Bar dataKey="other" name="other counters" stackId="counters" fill="#94a3b8" isAnimationActive={false} /> : null}
        </BarChart>
      </Chart>
    </div>
  );
}
