"use client";
// Re-renders the server page every `ms` while a run is still going.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ active, ms = 2_000 }: { active: boolean; ms?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), ms);
    return () => clearInterval(t);
  }, [active, ms, router]);
  return active ? <span className="text-xs text-slate-500">Live: refreshes every {ms / 1000} s</span> : null;
}
