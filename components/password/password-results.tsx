// The result of a password reset, one row per connected system (help desk and self-service).
import type { PasswordSystemResult } from "../../lib/dto/password.ts";
import { Table, Td, Th } from "../ui/table.tsx";

const LABEL: Record<PasswordSystemResult["status"], string> = { success: "Set", failure: "Failed", "not-applicable": "Not applicable" };
const TONE: Record<PasswordSystemResult["status"], string> = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failure: "bg-red-50 text-red-800 ring-red-200",
  "not-applicable": "bg-slate-100 text-slate-600 ring-slate-200",
};

export function PasswordResults({ results, showDn = true }: { results: PasswordSystemResult[]; showDn?: boolean }) {
  if (results.length === 0) return <p className="text-slate-500">No connected system holds an account of this identity.</p>;
  return (
    <Table label="Result per system">
      <thead><tr><Th>System</Th>{showDn ? <Th>Account</Th> : null}<Th>Result</Th><Th>Details</Th></tr></thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.csId} data-testid={`result-${r.maName}`}>
            <Td className="font-medium">{r.maName}</Td>
            {showDn ? <Td className="font-mono text-xs">{r.dn}</Td> : null}
            <Td><span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[r.status]}`}>{LABEL[r.status]}</span></Td>
            <Td className="text-xs text-slate-600">
              {r.message ?? (r.mustChange ? "a change is required at next logon" : "—")}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
