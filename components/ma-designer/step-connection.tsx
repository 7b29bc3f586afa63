"use client";
// Connect: where and how to reach the system, and "Test connection" with the server's answer (an
// LDAP server's root DSE names its partitions, offered on the next page).
import type { ConnectionTestView } from "../../lib/dto/ma-designer.ts";
import { Button, Notice } from "../ui/form.tsx";
import { SettingsFields, type SettingsProps } from "./settings-fields.tsx";

export function ConnectionResult({ result }: { result: ConnectionTestView | null }) {
  if (!result) return null;
  return (
    <div data-testid="connection-result">
      {result.ok ? (
        <Notice tone="success">Connection succeeded ({result.message}).</Notice>
      ) : (
        <Notice tone="error"><code className="font-semibold">{result.code}</code>: {result.message}</Notice>
      )}
    </div>
  );
}

export function StepConnection(props: SettingsProps & { test: { pending: boolean; result: ConnectionTestView | null }; onTest: () => void }) {
  return (
    <div className="flex max-w-3xl flex-col gap-3">
      <SettingsFields {...props} />
      <div className="flex items-center gap-3">
        <Button type="button" variant="secondary" onClick={props.onTest} disabled={props.test.pending}>{props.test.pending ? "Testing…" : "Test connection"}</Button>
      </div>
      <ConnectionResult result={props.test.result} />
    </div>
  );
}
