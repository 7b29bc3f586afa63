import Link from "next/link";
import { EmptyState } from "../../../components/ui/empty-state.tsx";

export default function ForbiddenPage() {
  return (
    <EmptyState title="Your role cannot open this page">
      This section needs the admin role. Ask an administrator, or go back to <Link className="text-sky-700 underline" href="/operations">Operations</Link>.
    </EmptyState>
  );
}
