"use client";
// A sparkline of one MA's errors per run (its last ended runs, oldest first): a line with a dot per
// run, so a run without errors is still a point on the chart.
import { Line, LineChart, Tooltip, YAxis } from "recharts";
import type { DashboardMa } from "../../lib/dto/dashboard.ts";
import { shortDateTime } from "../ui/chart-theme.ts";

export function ErrorTrendChart({ ma }: { ma: DashboardMa }) {
  if (ma.errorTrend.length === 0) return <span className="text-xs text-slate-400">no ended run yet</span>;
  const data = ma.errorTrend.map((r) => ({ ...r, label: `${r.profileName} · ${shortDateTime(r.endedAt)}` }));
  const worst = Math.max(...data.map((r) => r.errors));
  return (
    <figure aria-label={`Errors per run of ${ma.name}`} data-testid={`error-trend-${ma.name}`} data-points={data.length} className="flex items-center gap-2">
      <LineChart width={140} height={36} data={data} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
        <YAxis hide domain={[0, Math.max(1, worst)]} />
        <Tooltip
          labelFormatter={(_, payload) => String(payload?.[0]?.payload?.label ?? "")}
          formatter={(v) => [v, "errors"]}
          wrapperStyle={{ fontSize: 11 }}
        />
        <Line dataKey="errors" type="linear" stroke={worst > 0 ? "#dc2626" : "#059669"} strokeWidth={1.5} dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
      <figcaption className="text-xs tabular-nums text-slate-500">
        {data.at(-1)!.errors} last · {worst} max
      </figcaption>
    </figure>
  );
}
