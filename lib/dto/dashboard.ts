// The Dashboard and the Operations charts: figures per MA, the metaverse per object type, and one
// point per ended run for the trend charts (dates are ISO strings so they cross to the browser as-is).

/** One ended run as a point of a trend chart. */
export interface RunTrendPoint {
  runId: string;
  maId: string;
  maName: string;
  profileName: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  /** endedAt - startedAt; null when the run never started (ended while queued). */
  durationMs: number | null;
  /** objects its steps processed (the sum of each step's progress.done). */
  objects: number;
  /** objects / duration in seconds; null without a duration. */
  objectsPerSecond: number | null;
  /** RunError rows of its steps (what the run page lists under "Errors"). */
  errors: number;
  /** its steps' statistics summed per counter, without "errors" (that one is `errors`). */
  counters: Record<string, number>;
}

/** The Operations charts: the last ended runs, oldest first, of one MA or of all. */
export interface RunTrends {
  /** every MA, for the filter (helpdesk sees MA names in run history too). */
  managementAgents: { id: string; name: string }[];
  maId: string | null;
  runs: RunTrendPoint[];
}

/** One MA on the Dashboard. */
export interface DashboardMa {
  id: string;
  name: string;
  type: string;
  /** csentries in its connector space. */
  csObjects: number;
  connectors: number;
  pendingImports: number;
  pendingExports: number;
  /** the latest run, whatever its state (queued and in-progress included). */
  lastRun: { id: string; profileName: string; status: string; endedAt: string | null } | null;
  /** errors per run of its last ended runs, oldest first. */
  errorTrend: { runId: string; profileName: string; status: string; endedAt: string | null; errors: number }[];
}

export interface MetaverseTypeCount {
  objectType: string;
  count: number;
}

export interface DashboardView {
  managementAgents: DashboardMa[];
  /** every object type of the metaverse model (0 when none yet), plus types found only in the data. */
  metaverse: MetaverseTypeCount[];
  metaverseTotal: number;
  /** how many ended runs per MA the error trend covers. */
  trendRuns: number;
}
