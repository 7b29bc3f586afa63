"use client";
// The toolbar of the Synchronization Service Manager: one button per section the user may open.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ConsoleSection } from "../../lib/auth/console-routes.ts";

export function NavLinks({ sections }: { sections: ConsoleSection[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console sections" className="flex flex-wrap gap-0.5">
      {sections.map((s) => {
        const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
        return (
          <Link
            key={s.href}
            href={s.href}
            title={s.description}
            aria-current={active ? "page" : undefined}
            className={`rounded-t px-3 py-1.5 text-[13px] font-medium transition-colors ${
              active ? "bg-slate-100 text-slate-900" : "text-slate-200 hover:bg-slate-700 hover:text-white"
            }`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
