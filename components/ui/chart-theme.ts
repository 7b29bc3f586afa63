// Colours and small helpers shared by the console's charts (recharts), so series keep one colour per
// position on every chart.

export const SERIES_COLORS = ["#0369a1", "#059669", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#65a30d", "#db2777"];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!;
}

export const AXIS_TICK = { fontSize: 11, fill: "#64748b" } as const;

/** "MM-DD HH:MM:SS" of an ISO date, short enough for an axis tick. */
export function shortDateTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(5, 19).replace("T", " ");
}
