// The mventry page's way to the help-desk Password Reset page, with this identity selected.
import Link from "next/link";

export function ResetPasswordButton({ mvId }: { mvId: string }) {
  return (
    <Link
      href={`/password-reset?mvId=${encodeURIComponent(mvId)}`}
      className="inline-block rounded bg-sky-700 px-3 py-1 text-[13px] font-medium text-white shadow-sm hover:bg-sky-800"
    >
      Reset password…
    </Link>
  );
}
