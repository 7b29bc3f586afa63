"use client";
// The public self-service reset, step by step: name the account and the proof (answers or an
// e-mailed code), prove it, choose a new password, see the result per system.
import { useActionState, useEffect, useState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import type { SelfResetResult } from "../../lib/dto/password.ts";
import { PasswordResults } from "../password/password-results.tsx";
import { Button, Field, Input, Notice } from "../ui/form.tsx";

type A<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
export interface ResetFlowActions {
  sendCode: A<{ message: string }>;
  verifyAnswers: A<{ grant: string }>;
  verifyCode: A<{ grant: string }>;
  newPassword: A<SelfResetResult>;
}

function Failure<T>({ state }: { state: ActionState<T> }) {
  return state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null;
}

function useDone<T>(state: ActionState<T>, onDone: (data: T) => void) {
  useEffect(() => {
    if (state?.ok) onDone(state.data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
}

export function ResetFlow({ actions, questions, policyHint }: { actions: ResetFlowActions; questions: { id: string; text: string }[]; policyHint: string }) {
  const [step, setStep] = useState<"start" | "answers" | "code" | "password" | "done">("start");
  const [account, setAccount] = useState("");
  const [grant, setGrant] = useState("");
  const [codeNotice, setCodeNotice] = useState("");
  const [result, setResult] = useState<SelfResetResult | null>(null);
  const [sendState, sendCode, sending] = useActionState(actions.sendCode, null);
  const [answersState, verifyAnswers, checkingAnswers] = useActionState(actions.verifyAnswers, null);
  const [codeState, verifyCode, checkingCode] = useActionState(actions.verifyCode, null);
  const [pwState, newPassword, setting] = useActionState(actions.newPassword, null);
  useDone(sendState, (d) => { setCodeNotice(d.message); setStep("code"); });
  useDone(answersState, (d) => { setGrant(d.grant); setStep("password"); });
  useDone(codeState, (d) => { setGrant(d.grant); setStep("password"); });
  useDone(pwState, (d) => { setResult(d); setStep("done"); });

  if (step === "start") {
    return (
      <form
        aria-label="Name your account"
        className="flex flex-col gap-3"
        action={(form) => {
          setAccount(String(form.get("account") ?? "").trim());
          if (form.get("method") === "email") sendCode(form);
          else setStep("answers");
        }}
      >
        <Field label="Account name or e-mail address" htmlFor="ss-account"><Input id="ss-account" name="account" required autoComplete="username" defaultValue={account} /></Field>
        <fieldset className="flex flex-col gap-1 text-[13px]">
          <legend className="mb-1 text-xs font-medium text-slate-600">How do you want to prove it is you?</legend>
          <label className="flex items-center gap-1"><input type="radio" name="method" value="answers" defaultChecked /> Answer my security questions</label>
          <label className="flex items-center gap-1"><input type="radio" name="method" value="email" /> E-mail me a one-time code</label>
        </fieldset>
        <div><Button type="submit" disabled={sending}>Continue</Button></div>
        <Failure state={sendState} />
      </form>
    );
  }
  if (step === "answers") {
    return (
      <form action={verifyAnswers} aria-label="Answer your security questions" className="flex flex-col gap-3">
        <input type="hidden" name="account" value={account} />
        <p className="text-[13px] text-slate-600">Account <span className="font-medium">{account}</span></p>
        {questions.map((q) => (
          <Field key={q.id} label={q.text} htmlFor={`ss-${q.id}`}><Input id={`ss-${q.id}`} name={`answer.${q.id}`} autoComplete="off" /></Field>
        ))}
        <div className="flex gap-2"><Button type="submit" disabled={checkingAnswers}>Verify</Button><Button type="button" variant="secondary" onClick={() => setStep("start")}>Back</Button></div>
        <Failure state={answersState} />
      </form>
    );
  }
  if (step === "code") {
    return (
      <form action={verifyCode} aria-label="Enter the code" className="flex flex-col gap-3">
        <input type="hidden" name="account" value={account} />
        <Notice>{codeNotice}</Notice>
        <Field label="One-time code (8 digits)" htmlFor="ss-code" errors={codeState && !codeState.ok ? codeState.fieldErrors.code : undefined}>
          <Input id="ss-code" name="code" inputMode="numeric" autoComplete="one-time-code" />
        </Field>
        <div className="flex gap-2"><Button type="submit" disabled={checkingCode}>Verify</Button><Button type="button" variant="secondary" onClick={() => setStep("start")}>Back</Button></div>
        {codeState && !codeState.ok && !codeState.fieldErrors.code ? <Notice tone="error">{codeState.message}</Notice> : null}
      </form>
    );
  }
  if (step === "password") {
    const errors = pwState && !pwState.ok ? pwState.fieldErrors : {};
    return (
      <form action={newPassword} aria-label="Choose a new password" className="flex flex-col gap-3">
        <input type="hidden" name="grant" value={grant} />
        <Notice tone="success">Verified. Choose your new password.</Notice>
        <Field label="New password" htmlFor="ss-password" hint={policyHint} errors={errors.password}><Input id="ss-password" name="password" type="password" autoComplete="new-password" /></Field>
        <Field label="New password again" htmlFor="ss-confirm" errors={errors.confirm}><Input id="ss-confirm" name="confirm" type="password" autoComplete="new-password" /></Field>
        <div><Button type="submit" disabled={setting}>Set my password</Button></div>
        {pwState && !pwState.ok && !errors.password && !errors.confirm ? <Notice tone="error">{pwState.message}</Notice> : null}
      </form>
    );
  }
  const ok = result?.results.some((r) => r.status === "success");
  return (
    <div className="flex flex-col gap-3" data-testid="self-reset-result">
      <Notice tone={ok ? "success" : "error"}>{ok ? "Your new password is set." : "Your password could not be set anywhere: ask your help desk."}</Notice>
      <PasswordResults results={result?.results ?? []} showDn={false} />
    </div>
  );
}
