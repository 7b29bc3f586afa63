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
