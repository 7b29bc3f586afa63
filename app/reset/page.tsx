import type { Metadata } from "next";
import Link from "next/link";
import { ResetFlow } from "../../components/self-service/reset-flow.tsx";
import { loadPasswordPolicy, policyHint } from "../../lib/services/password-policy.ts";
import { loadSelfServiceConfig, questionsOf } from "../../lib/services/self-service/config.ts";
import { newPasswordAction, sendCodeAction, verifyAnswersAction, verifyCodeAction } from "./actions.ts";
import { PublicCard } from "../../components/self-service/public-card.tsx";

export const metadata: Metadata = { title: "Self-service password reset" };
export const dynamic = "force-dynamic";

/** Public: reset your own password with your registered answers or an e-mailed code. */
export default function ResetPage() {
  const questions = questionsOf(loadSelfServiceConfig());
  return (
    <PublicCard title="Reset your password" footer={<Link href="/reset/register" className="text-sky-700 underline">Register your security answers</Link>}>
      <ResetFlow
        actions={{ sendCode: sendCodeAction, verifyAnswers: verifyAnswersAction, verifyCode: verifyCodeAction, newPassword: newPasswordAction }}
        questions={questions}
        policyHint={policyHint(loadPasswordPolicy())}
      />
    </PublicCard>
  );
}
