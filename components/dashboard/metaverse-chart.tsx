"use client";
// The metaverse per object type: one bar each (the table beside it carries the exact figures).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { MetaverseTypeCount } from "../../lib/dto/dashboard.ts";
import { AXIS_TICK, seriesColor } from "../ui/chart-theme.ts";

export function MetaverseChart({ types }: { types: MetaverseTypeCount[] }) {
  return (
    <figure aria-label="Metaverse objects per object type" data-testid="metaverse-chart" data-points={types.length} className="min-w-0 flex-1">
      <BarChart responsive data={types} layout="vertical" style={{ width: "100%", height: Math.max(80, 28 * types.length + 30) }} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
        <YAxis type="category" dataKey="objectType" width={90} tick={AXIS_TICK} />
        <Tooltip formatter={(v) => [v, "mventries"]} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="count" name="mventries" fill={seriesColor(0)} minPointSize={2} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
