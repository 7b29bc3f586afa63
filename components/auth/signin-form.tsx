"use client";
// Username + password against next-auth's credentials provider; stays on the page on failure.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button, Field, Input, Notice } from "../ui/form.tsx";

export function SigninForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
      callbackUrl,
    });
    if (!res || res.error) {
      setPending(false);
      setError(res?.status === 401 || res?.error === "CredentialsSignin" ? "Wrong username or password." : "Sign-in failed; try again.");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Sign in">
      <h1 className="text-base font-semibold">Sign in</h1>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label="Username" htmlFor="username">
        <Input id="username" name="username" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
      <p className="text-xs text-slate-500">
        Forgot the password of your own account in the connected systems? <Link className="text-sky-700 underline" href="/reset">Self-service password reset</Link>
      </p>
    </form>
  );
}
