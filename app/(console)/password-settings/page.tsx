import type { Metadata } from "next";
import { PasswordSettingsForm } from "../../../components/password/password-settings-form.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Section } from "../../../components/ui/form.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { loadPasswordPolicy, policyHint } from "../../../lib/services/password-policy.ts";
import { listPasswordSettings } from "../../../lib/services/password-settings.ts";
import { updatePasswordSettingsAction } from "./actions.ts";

export const metadata: Metadata = { title: "Password Management" };
export const dynamic = "force-dynamic";

/** Which MAs manage passwords, and the policy every new password must meet. */
export default async function PasswordSettingsPage() {
  const user = await requirePageRole("admin");
  const mas = await listPasswordSettings(user);
  return (
    <>
      <PageHeader title="Password Management" description="Which management agents set passwords in their connected systems (help desk, self-service page, API)." />
      <Section title="Management agents">
        {mas.length === 0 ? (
          <EmptyState title="No management agents">Create a management agent first.</EmptyState>
        ) : (
          <Table label="Password settings">
            <thead><tr><Th>Management agent</Th><Th>Type</Th><Th>Settings</Th></tr></thead>
            <tbody>
              {mas.map((m) => (
                <tr key={m.maId}>
                  <Td className="font-medium">{m.maName}</Td>
                  <Td>{m.type}{m.supportsPassword ? "" : <span className="ml-1 text-xs text-slate-400">(cannot set passwords)</span>}</Td>
                  <Td><PasswordSettingsForm action={updatePasswordSettingsAction} ma={m} readOnly={false} /></Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section title="Password policy">
        <p className="text-[13px] text-slate-600">{policyHint(loadPasswordPolicy())}</p>
        <p className="mt-1 text-xs text-slate-400">Set with IDSYNC_PASSWORD_MIN_LENGTH, IDSYNC_PASSWORD_MIN_CLASSES and IDSYNC_PASSWORD_HISTORY (docs/password-management.md).</p>
      </Section>
    </>
  );
}
