import type { Metadata } from "next";
import Link from "next/link";
import { RegisterFlow } from "../../../components/self-service/register-flow.tsx";
import { listRegistrationDirectories } from "../../../lib/services/self-service/register.ts";
import { registerAnswersAction, registerBindAction } from "../actions.ts";
import { PublicCard } from "../../../components/self-service/public-card.tsx";

export const metadata: Metadata = { title: "Register your security answers" };
export const dynamic = "force-dynamic";

/** Public: after confirming the current password with a directory bind, register the answers for self-service reset. */
export default async function RegisterPage() {
  const directories = await listRegistrationDirectories({});
  return (
    <PublicCard title="Register your security answers" footer={<Link href="/reset" className="text-sky-700 underline">Reset your password</Link>}>
      <RegisterFlow actions={{ bind: registerBindAction, answers: registerAnswersAction }} directories={directories} />
    </PublicCard>
  );
}
