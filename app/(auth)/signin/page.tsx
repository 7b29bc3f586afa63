import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SigninForm } from "../../../components/auth/signin-form.tsx";
import { currentUser } from "../../../lib/auth/require-role.ts";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths, so the sign-in page cannot bounce a user to another site. */
function safeCallback(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/signin") ? v : "/operations";
}

export default async function SigninPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return <SigninForm callbackUrl={callbackUrl} />;
}
