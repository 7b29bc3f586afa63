"use client";
// Registration of self-service answers: prove the current password against a directory, then answer the questions.
import { useActionState, useEffect, useState } from "react";
import type { ActionState } from "../../lib/dto/action-result.ts";
import { Button, Field, Input, Notice, Select } from "../ui/form.tsx";

type Bound = { grant: string; questions: { id: string; text: string }[] };
type A<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

export function RegisterFlow({ actions, directories }: { actions: { bind: A<Bound>; answers: A<{ registered: number }> }; directories: { maId: string; name: string }[] }) {
  const [bindState, bind, binding] = useActionState(actions.bind, null);
  const [answerState, answer, saving] = useActionState(actions.answers, null);
  const [bound, setBound] = useState<Bound | null>(null);
  useEffect(() => {
    if (bindState?.ok) setBound(bindState.data);
  }, [bindState]);

  if (answerState?.ok) {
    return <Notice tone="success">Your {answerState.data.registered} answers are saved. You can now reset your password yourself on the reset page.</Notice>;
  }
  if (bound) {
    const errors = answerState && !answerState.ok ? answerState.fieldErrors : {};
    return (
      <form action={answer} aria-label="Register your answers" className="flex flex-col gap-3">
        <input type="hidden" name="grant" value={bound.grant} />
        <Notice tone="success">Password confirmed. Answer the questions: you will be asked them when you reset your password.</Notice>
        {bound.questions.map((q) => (
          <Field key={q.id} label={q.text} htmlFor={`rg-${q.id}`} errors={errors[q.id]}><Input id={`rg-${q.id}`} name={`answer.${q.id}`} autoComplete="off" /></Field>
        ))}
        <div><Button type="submit" disabled={saving}>Save my answers</Button></div>
        {answerState && !answerState.ok && !Object.keys(errors).length ? <Notice tone="error">{answerState.message}</Notice> : null}
      </form>
    );
  }
  if (directories.length === 0) return <Notice>No directory is set up for registration yet: ask your help desk.</Notice>;
  return (
    <form action={bind} aria-label="Confirm your current password" className="flex flex-col gap-3">
      <Field label="Account name or e-mail address" htmlFor="rg-account"><Input id="rg-account" name="account" required autoComplete="username" /></Field>
      <Field label="Directory" htmlFor="rg-ma">
        <Select id="rg-ma" name="maId" defaultValue={directories[0]!.maId}>{directories.map((d) => <option key={d.maId} value={d.maId}>{d.name}</option>)}</Select>
      </Field>
      <Field label="Current password" htmlFor="rg-password"><Input id="rg-password" name="password" type="password" required autoComplete="current-password" /></Field>
      <div><Button type="submit" disabled={binding}>Continue</Button></div>
      {bindState && !bindState.ok ? <Notice tone="error">{bindState.message}</Notice> : null}
    </form>
  );
}
