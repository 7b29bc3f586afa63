"use client";
// A run's objects processed over time (all steps together), live while the run goes.
//
// Samples are recorded here, in the browser, from the polls LiveRun already makes (runQueryOptions,
// every second): each poll carries every step's progress.done, so a sample costs nothing more. Keeping
// samples on the server instead would make the engine write a time series during every run (a table
// and a migration) for a chart that only someone watching needs. The run's own record anchors the
// series (each step's start and, once ended, its end with its count), so a run opened after it ended
// still shows its shape, step by step. Server times and browser times are put on one axis (seconds
// since the run started): a few seconds of clock skew would bend the line, so a sample never goes
// before the last anchor it follows.
import { useEffect, useState } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { isLiveRunStatus, type RunDetail } from "../../lib/dto/run.ts";
import { AXIS_TICK, seriesColor } from "../ui/chart-theme.ts";

type Point = { t: number; objects: number };

/** A long run samples every second; past this many samples every other one is dropped. */
const MAX_SAMPLES = 600;
/** Dots only while they can be told apart. */
const MAX_DOTS = 80;

const totalDone = (run: RunDetail) => run.steps.reduce((sum, s) => sum + (s.progress.done ?? 0), 0);

/** What the record knows: (start, objects before the step) and (end, objects after it) per step. */
function anchors(run: RunDetail, origin: number): Point[] {
  const out: Point[] = [];
  let before = 0;
  for (const s of run.steps) {
    const done = s.progress.done ?? 0;
    out.push({ t: (Date.parse(s.startedAt) - origin) / 1000, objects: before });
    if (s.endedAt) out.push({ t: (Date.parse(s.endedAt) - origin) / 1000, objects: before + done });
    before += done;
  }
  return out;
}

export function LiveProgressChart({ run, sampledAt }: { run: RunDetail; sampledAt: number }) {
  const [samples, setSamples] = useState<{ runId: string; points: { at: number; objects: number }[] }>({ runId: run.id, points: [] });
  const live = isLiveRunStatus(run.status);
  const objects = totalDone(run);

  useEffect(() => {
    if (!live || run.steps.length === 0) return;
    setSamples((prev) => {
      const points = prev.runId === run.id ? prev.points : [];
      if (points.at(-1)?.at === sampledAt) return prev;
      const next = [...points, { at: sampledAt, objects }];
      return { runId: run.id, points: next.length > MAX_SAMPLES ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next };
    });
  }, [live, run.id, run.steps.length, sampledAt, objects]);

  if (run.steps.length === 0) return null;
  const origin = Date.parse(run.startedAt ?? run.steps[0]!.startedAt);
  const fixed = anchors(run, origin);
  const sampled = (samples.runId === run.id ? samples.points : []).map((p) => ({ t: (p.at - origin) / 1000, objects: p.objects }));
  const points = [...fixed, ...sampled].sort((a, b) => a.t - b.t || a.objects - b.objects);
  // keep the line monotonic in time and count: a skewed sample is lifted to the anchor before it
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const q = points[i - 1]!;
    if (p.objects < q.objects) p.objects = q.objects;
  }
  const data = points.map((p) => ({ t: Math.max(0, Math.round(p.t * 10) / 10), objects: p.objects }));

  return (
    <figure aria-label="Objects processed over time" data-testid="live-progress-chart" data-points={data.length} className="mb-4 rounded border border-slate-200 bg-white p-2">
      <figcaption className="mb-1 flex justify-between text-xs text-slate-500">
        <span className="font-semibold uppercase">Objects processed over time</span>
        <span>{live ? "sampled every second while the run goes" : "step starts and ends, plus samples taken while this page watched the run"}</span>
      </figcaption>
      <LineChart responsive data={data} style={{ width: "100%", height: 180 }} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="t" type="number" domain={[0, "dataMax"]} tick={AXIS_TICK} unit=" s" allowDecimals={false} />
        <YAxis tick={AXIS_TICK} width={48} allowDecimals={false} />
        <Tooltip labelFormatter={(t) => `${t} s after the start`} formatter={(v) => [v, "objects processed"]} wrapperStyle={{ fontSize: 12 }} />
        <Line dataKey="objects" type="stepAfter" stroke={seriesColor(0)} dot={data.length <= MAX_DOTS ? { r: 2.5 } : false} isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}
