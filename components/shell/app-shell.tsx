// The console frame: title bar, section toolbar, signed-in user, content.
import type { ReactNode } from "react";
import type { ConsoleSection } from "../../lib/auth/console-routes.ts";
import type { SessionUser } from "../../lib/auth/roles.ts";
import { NavLinks } from "./nav-links.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

export function AppShell({ user, sections, children }: { user: SessionUser; sections: ConsoleSection[]; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-slate-800 text-white shadow">
        <div className="flex items-center justify-between px-4 pt-2">
          <div className="flex items-baseline gap-2">
            <span className="text-base font-semibold tracking-tight">IdSync</span>
            <span className="text-xs text-slate-400">Synchronization Service Manager</span>
          </div>
          <div className="flex items-center gap-3 text-xs">
            <span data-testid="signed-in-user">
              {user.displayName} <span className="text-slate-400">({user.username}, {user.role})</span>
            </span>
            <SignOutButton />
          </div>
        </div>
        <div className="mt-2 px-3">
          <NavLinks sections={sections} />
        </div>
      </header>
      <main className="flex-1 px-5 py-4">{children}</main>
    </div>
  );
}
