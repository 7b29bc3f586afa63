"use client";
// Run history with live refresh (react-query polls /api/runs every 2 s).
import Link from "next/link";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { RunSummary } from "../../lib/dto/run.ts";
import { runsQueryOptions } from "../../lib/queries/runs.ts";
import { EmptyState } from "../ui/empty-state.tsx";
import { formatDateTime, formatDuration } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { Table, Td, Th } from "../ui/table.tsx";

export function RunsTable({ initialRuns, limit, emptyHint }: { initialRuns: RunSummary[]; limit: number; emptyHint: ReactNode }) {
  const { data, error, isFetching } = useQuery({ ...runsQueryOptions(limit), initialData: initialRuns });
  const runs = data ?? [];
  return (
    <div>
      <div className="mb-2 flex items-center justify-between text-xs text-slate-500">
        <span>{runs.length} most recent run{runs.length === 1 ? "" : "s"}</span>
        <span aria-live="polite">
          {error ? <span className="text-red-600">Refresh failed: {error.message}</span> : isFetching ? "Refreshing…" : "Live: refreshes every 2 s"}
        </span>
      </div>
      {runs.length === 0 ? (
        <EmptyState title="No runs yet">{emptyHint}</EmptyState>
      ) : (
        <Table label="Run history">
          <thead>
            <tr>
              <Th>Management agent</Th>
              <Th>Profile</Th>
              <Th>Status</Th>
              <Th>Started</Th>
              <Th>Ended</Th>
              <Th>Duration</Th>
              <Th>Trigger</Th>
              <Th>Started by</Th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="hover:bg-sky-50">
                <Td className="font-medium">
                  <Link href={`/operations/${r.id}`} className="text-sky-800 hover:underline">{r.maName}</Link>
                </Td>
                <Td>{r.profileName}</Td>
                <Td><StatusBadge status={r.status} /></Td>
                <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(r.startedAt ?? r.queuedAt)}</Td>
                <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(r.endedAt)}</Td>
                <Td className="whitespace-nowrap text-xs">{formatDuration(r.startedAt, r.endedAt)}</Td>
                <Td>{r.trigger}</Td>
                <Td>{r.startedBy}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
