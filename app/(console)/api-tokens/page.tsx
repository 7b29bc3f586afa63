import type { Metadata } from "next";
import { CreateApiTokenForm, RevokeApiTokenButton } from "../../../components/password/api-token-forms.tsx";
import { formatDateTime } from "../../../components/ui/format.ts";
import { Section } from "../../../components/ui/form.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, Td, Th } from "../../../components/ui/table.tsx";
import { requirePageRole } from "../../../lib/auth/page-guard.ts";
import { listApiTokens } from "../../../lib/services/api-tokens.ts";
import { createApiTokenAction, revokeApiTokenAction } from "./actions.ts";

export const metadata: Metadata = { title: "API Tokens" };
export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  const user = await requirePageRole("admin");
  const tokens = await listApiTokens(user);
  return (
    <>
      <PageHeader
        title="API Tokens"
        description={<>Tokens for scripts and other systems calling the REST API (<a className="text-sky-700 hover:underline" href="/api/v1/openapi.json">OpenAPI document</a>).</>}
      />
      <Section title="New token"><CreateApiTokenForm action={createApiTokenAction} /></Section>
      <Section title={`Tokens (${tokens.length})`}>
        {tokens.length === 0 ? (
          <p className="text-slate-500">No API token yet.</p>
        ) : (
          <Table label="API tokens">
            <thead><tr><Th>Name</Th><Th>Role</Th><Th>Starts with</Th><Th>Created</Th><Th>Last used</Th><Th>State</Th><Th /></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td>{t.role}</Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(t.createdAt)} by {t.createdBy}</Td>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(t.lastUsedAt)}</Td>
                  <Td>{t.revokedAt ? `revoked ${formatDateTime(t.revokedAt)}` : "active"}</Td>
                  <Td>{t.revokedAt ? null : <RevokeApiTokenButton action={revokeApiTokenAction} id={t.id} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
