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
