import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "../../components/shell/app-shell.tsx";
import { QueryProvider } from "../../components/providers/query-provider.tsx";
import { sectionsFor } from "../../lib/auth/console-routes.ts";
import { currentUser } from "../../lib/auth/require-role.ts";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <QueryProvider>
      <AppShell user={user} sections={sectionsFor(user.role)}>
        {children}
      </AppShell>
    </QueryProvider>
  );
}
