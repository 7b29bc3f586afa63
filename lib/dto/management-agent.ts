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

/** What deleting an MA takes away, shown before the admin confirms by typing the MA's name. */
export interface MaDeletionImpact {
  maId: string;
  maName: string;
  csObjects: number;
  /** pending exports of its csentries, whatever their status. */
  pendingExports: number;
  runProfiles: string[];
  /** runs in its run history. */
  runs: number;
  /** mventries connected to one of its csentries. */
  mventriesLosingConnector: number;
  /** of those, the ones no other MA is connected to: they are deleted. */
  mventriesDeleted: number;
  /** a run of the MA is queued or in progress: the deletion is refused until it ends. */
  activeRun: { id: string; profileName: string } | null;
}

/** What a deletion did. */
export interface MaDeletionResult {
  maName: string;
  csObjects: number;
  runs: number;
  mventriesDeleted: number;
  /** mventries kept (other MAs are connected to them): what this MA contributed was recalled from the others. */
  mventriesKept: number;
  /** exports staged in other MAs by the change (provisioning, export flows); nothing was written. */
  exportsStaged: number;
  errors: number;
}
