"use server";
// The public self-service pages' actions: no sign-in; Next's server-action Origin check guards them
// against cross-site posts; the services rate limit, lock out and audit every attempt.
import { answersFrom, publicAction } from "../../lib/auth/public-action.ts";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { newPasswordSchema, registerAnswersSchema, registerBindSchema, selfServiceStartSchema, verifyAnswersSchema, verifyCodeSchema } from "../../lib/schemas/password.ts";
import { registerAnswers, verifyCurrentPassword } from "../../lib/services/self-service/register.ts";
import type { SelfResetResult } from "../../lib/dto/password.ts";
import { completeSelfReset } from "../../lib/services/self-service/self-reset.ts";
import { sendEmailCode, verifyAnswers, verifyEmailCode } from "../../lib/services/self-service/verify.ts";

type Grant = { grant: string };

export async function sendCodeAction(_prev: ActionState<{ message: string }>, form: FormData): Promise<ActionState<{ message: string }>> {
  return publicAction(selfServiceStartSchema, { account: form.get("account") }, (input, client) => sendEmailCode(input, { client }));
}

export async function verifyAnswersAction(_prev: ActionState<Grant>, form: FormData): Promise<ActionState<Grant>> {
  return publicAction(verifyAnswersSchema, { account: form.get("account"), answers: answersFrom(form) }, (input, client) => verifyAnswers(input, { client }));
}

export async function verifyCodeAction(_prev: ActionState<Grant>, form: FormData): Promise<ActionState<Grant>> {
  return publicAction(verifyCodeSchema, { account: form.get("account"), code: form.get("code") }, (input, client) => verifyEmailCode(input, { client }));
}

export async function newPasswordAction(_prev: ActionState<SelfResetResult>, form: FormData): Promise<ActionState<SelfResetResult>> {
  return publicAction(newPasswordSchema, Object.fromEntries(form), (input, client) => completeSelfReset(input, { client }));
}

export async function registerBindAction(_prev: ActionState<Grant & { questions: { id: string; text: string }[] }>, form: FormData): Promise<ActionState<Grant & { questions: { id: string; text: string }[] }>> {
  return publicAction(registerBindSchema, Object.fromEntries(form), (input, client) => verifyCurrentPassword(input, { client }));
}

export async function registerAnswersAction(_prev: ActionState<{ registered: number }>, form: FormData): Promise<ActionState<{ registered: number }>> {
  return publicAction(registerAnswersSchema, { grant: form.get("grant"), answers: answersFrom(form) }, (input, client) => registerAnswers(input, { client }));
}
