import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Self-service password reset" };

/** Placeholder: the form shell of the self-service reset, honest that it does not work yet. */
export default function ResetPage() {
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-800 px-4">
      <div className="w-full max-w-md rounded-md bg-white p-6 shadow-lg">
        <p className="text-lg font-semibold">Self-service password reset</p>
        <div className="mt-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" role="status">
          This feature is coming: IdSync cannot reset your password by itself yet. Until it does, ask your help desk,
          who can set a new password for you from the console.
        </div>
        <form className="mt-4 flex flex-col gap-3" aria-label="Password reset (not available yet)">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Account name
            <input name="accountName" disabled className="rounded border border-slate-300 bg-slate-50 px-2 py-1 text-[13px]" />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            New password
            <input name="password" type="password" disabled className="rounded border border-slate-300 bg-slate-50 px-2 py-1 text-[13px]" />
          </label>
          <button type="submit" disabled className="rounded bg-slate-300 px-3 py-1 text-[13px] font-medium text-white">
            Reset password (not available yet)
          </button>
        </form>
        <p className="mt-4 text-xs text-slate-500">
          <Link href="/signin" className="text-sky-700 underline">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
