// The pending exports of an MA, one page, with their per-attribute changes.
import Link from "next/link";
import type { PendingExportView } from "../../lib/dto/connector-space.ts";
import { formatDateTime } from "../ui/format.ts";
import { StatusBadge } from "../ui/status-badge.tsx";
import { Table, Td, Th } from "../ui/table.tsx";
import { ChangesList } from "./changes-list.tsx";

export function PendingExportsTable({ maId, items }: { maId: string; items: PendingExportView[] }) {
  return (
    <Table label="Pending exports">
      <thead><tr><Th>Operation</Th><Th>DN</Th><Th>Changes</Th><Th>Status</Th><Th>Last change</Th></tr></thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <Td className="font-mono text-xs">{p.op}</Td>
            <Td className="font-mono text-xs">
              <Link className="text-sky-800 hover:underline" href={`/management-agents/${maId}/cs/${p.csId}`}>{p.dn}</Link>
              {p.newDn ? <div className="text-slate-500">→ {p.newDn}</div> : null}
            </Td>
            <Td><ChangesList changes={p.changes} /></Td>
            <Td>
              <StatusBadge status={p.status} />
              {p.error ? <div className="mt-1 text-xs text-red-700">{p.error}</div> : null}
            </Td>
            <Td className="whitespace-nowrap font-mono text-xs">{formatDateTime(p.updatedAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
