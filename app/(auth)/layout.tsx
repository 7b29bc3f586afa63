import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-800 px-4">
      <div className="w-full max-w-sm rounded-md bg-white p-6 shadow-lg">
        <div className="mb-4">
          <p className="text-lg font-semibold">IdSync</p>
          <p className="text-xs text-slate-500">Synchronization Service Manager</p>
        </div>
        {children}
      </div>
    </div>
  );
}
