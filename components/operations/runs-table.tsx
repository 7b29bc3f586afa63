"use client";
// One page of run history with live refresh: react-query polls /api/runs with the page's filters every 2 s.
import Link from "next/link";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Page, RunSummary } from "../../lib/dto/run.ts";
import { runsQueryOptions } from "../../lib/queries/runs.ts";
import { EmptyState } from "../ui/empty-state.tsx";
import { Pager } from "../ui/pager.tsx";
import { formatDateTime, formatDuration } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { Table, Td, Th } from "../ui/table.tsx";

/** Operations' URL for page `p` of the same filters. */
function pageHref(filters: string, p: number): string {
  const q = new URLSearchParams(filters);
  if (p > 1) q.set("page", String(p));
  return q.size ? `/operations?${q.toString()}` : "/operations";
}

/** `filters`: the page's filters as URL search params, without the page (the same go to /api/runs). */
export function RunsTable({ initialPage, filters, emptyHint }: { initialPage: Page<RunSummary>; filters: string; emptyHint: ReactNode }) {
  const { data, error, isFetching } = useQuery({ ...runsQueryOptions(filters, initialPage.page, initialPage.pageSize), initialData: initialPage });
  const page = data ?? initialPage;
  const runs = page.items;
  return (
    <div>
      <div className="mb-2 flex items-center justify-between text-xs text-slate-500">
        <span data-testid="run-count">{page.total} run{page.total === 1 ? "" : "s"}</span>
        <span aria-live="polite">
          {error ? <span className="text-red-600">Refresh failed: {error.message}</span> : isFetching ? "Refreshing…" : "Live: refreshes every 2 s"}
        </span>
      </div>
      {runs.length === 0 ? (
        <EmptyState title={page.total === 0 ? "No runs" : "No runs on this page"}>{emptyHint}</EmptyState>
      ) : (
        <>
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
          <Pager label="Run history pages" page={page.page} pageSize={page.pageSize} total={page.total} href={(p) => pageHref(filters, p)} />
        </>
      )}
    </div>
  );
}
