// Management agents as the console lists them.

export interface MaObjectCounts {
  total: number;
  connectors: number;
  normalDisconnectors: number;
  explicitDisconnectors: number;
  filteredDisconnectors: number;
  pendingImports: number;
  pendingExports: number;
}

export interface MaSummary {
  id: string;
  name: string;
  type: string;
  description: string;
  stagingMode: boolean;
  counts: MaObjectCounts;
  runProfiles: string[];
  lastRun: { id: string; profileName: string; status: string; endedAt: string | null } | null;
}

/** One MA on its own page: the summary, its run profiles with steps, and what an admin can do next. */
export interface MaDetail extends MaSummary {
  profiles: { name: string; steps: string[]; schedule: string | null }[];
  /** the last run when it stopped at the deletion threshold: an admin may approve its deletes. */
  stoppedAtDeletionThreshold: { runId: string; profileName: string; message: string | null } | null;
  /** a run of this MA is queued or in progress (stopRequestedBy: an admin asked it to stop). */
  activeRun: { id: string; profileName: string; status: string; stopRequestedBy: string | null } | null;
}
