// Run history as the console shows it (dates are ISO strings so they cross to the browser as-is).

export interface RunSummary {
  id: string;
  maId: string;
  maName: string;
  profileName: string;
  status: string;
  trigger: string;
  startedBy: string;
  message: string | null;
  queuedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** an admin asked the run to stop (it stops after its current batch). */
  stopRequestedAt: string | null;
  stopRequestedBy: string | null;
}

export interface RunErrorView {
  id: number;
  code: string;
  message: string;
  location: string | null;
  anchor: string | null;
  dn: string | null;
  at: string;
}

export interface RunStepView {
  id: string;
  seq: number;
  type: string;
  status: string;
  message: string | null;
  stats: Record<string, number>;
  progress: { done?: number; total?: number };
  startedAt: string;
  endedAt: string | null;
  errorCount: number;
  errors: RunErrorView[];
}

export interface RunDetail extends RunSummary {
  steps: RunStepView[];
}

/** A page of a list (1-based page numbers). */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** One object behind a counter of a step (RunStepObject), with what the console can link to. */
export interface StepObjectView {
  id: number;
  counter: string;
  anchor: string | null;
  dn: string | null;
  csId: string | null;
  /** the MA of the csentry, when it still exists (links to the csentry page). */
  csMaId: string | null;
  csMaName: string | null;
  mvId: string | null;
  /** false when the mventry was deleted since. */
  mvExists: boolean;
}

/** The drill-down of one step: the run and step it belongs to, and one page of one counter's objects. */
export interface StepDrillDown {
  runId: string;
  maId: string;
  maName: string;
  profileName: string;
  step: { id: string; seq: number; type: string; status: string; stats: Record<string, number>; errorCount: number };
  counter: string | null;
  objects: Page<StepObjectView> | null;
  errors: Page<RunErrorView & { csId: string | null; csMaId: string | null }> | null;
}

/** The result of starting a run from the console. */
export interface StartedRunView {
  runId: string;
  maName: string;
  profileName: string;
}

/** The answer to a stop request: the run's status now (stopped-user at once when no worker had taken it). */
export interface RunStopView {
  runId: string;
  status: string;
  stopRequestedAt: string;
  stopRequestedBy: string;
}

/** Whether a run status means the run is still going. */
export function isLiveRunStatus(status: string): boolean {
  return status === "queued" || status === "in-progress";
}
