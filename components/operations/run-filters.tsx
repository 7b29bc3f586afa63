// The run history filters of Operations: a GET form, so the filters live in the URL (shareable, back button).
import Link from "next/link";
import { RUN_STATUSES } from "../../lib/engine/types.ts";
import type { RunHistoryQuery } from "../../lib/schemas/runs.ts";
import { Button, Input, Select } from "../ui/form.tsx";

export function RunFilters({ query, mas, profiles }: { query: Partial<RunHistoryQuery>; mas: { id: string; name: string }[]; profiles: string[] }) {
  return (
    <form method="get" action="/operations" aria-label="Filter run history" className="mb-3 flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-white p-2">
      <div className="w-44">
        <label htmlFor="runs-ma" className="text-xs font-medium text-slate-600">Management agent</label>
        <Select id="runs-ma" name="ma" defaultValue={query.ma ?? ""}>
          <option value="">any</option>
          {mas.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </Select>
      </div>
      <div className="w-44">
        <label htmlFor="runs-profile" className="text-xs font-medium text-slate-600">Run profile</label>
        <Select id="runs-profile" name="profile" defaultValue={query.profile ?? ""}>
          <option value="">any</option>
          {profiles.map((p) => <option key={p} value={p}>{p}</option>)}
        </Select>
      </div>
      <div className="w-52">
        <label htmlFor="runs-status" className="text-xs font-medium text-slate-600">Status</label>
        <Select id="runs-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">any</option>
          {RUN_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </Select>
      </div>
      <div className="w-36">
        <label htmlFor="runs-from" className="text-xs font-medium text-slate-600">From (UTC day)</label>
        <Input id="runs-from" name="from" type="date" defaultValue={query.from ?? ""} />
      </div>
      <div className="w-36">
        <label htmlFor="runs-to" className="text-xs font-medium text-slate-600">To (UTC day)</label>
        <Input id="runs-to" name="to" type="date" defaultValue={query.to ?? ""} />
      </div>
      <Button type="submit" variant="secondary">Filter</Button>
      <Link href="/operations" className="px-1 py-1 text-xs text-sky-800 hover:underline">Clear</Link>
    </form>
  );
}
