// The dark page with one white card that the public self-service pages share.
import Link from "next/link";
import type { ReactNode } from "react";

export function PublicCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-800 px-4">
      <div className="w-full max-w-md rounded-md bg-white p-6 shadow-lg">
        <h1 className="mb-4 text-lg font-semibold">{title}</h1>
        {children}
        <p className="mt-5 flex gap-4 text-xs text-slate-500">{footer}<Link href="/signin" className="text-sky-700 underline">Console sign in</Link></p>
      </div>
    </div>
  );
}
