// Which MAs manage passwords: the connector type must support it (capabilities.supportsPassword;
// file MAs never do) and an admin must enable it for the MA (MaPasswordSettings). "Must change at
// next logon" is used only where the connector type supports it.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { connectorTypes } from "../connectors/registry.ts";
import type { ConnectorCapabilities } from "../engine/connector.ts";
import type { MaPasswordSettingsView } from "../dto/password.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectMaBasics, selectPasswordSettings, upsertPasswordSettings } from "../store/password-queries.ts";
import { recordAudit } from "./audit.ts";

function capabilitiesOf(type: string): ConnectorCapabilities | null {
  const t = Object.hasOwn(connectorTypes, type) ? (connectorTypes as Record<string, { capabilities: ConnectorCapabilities }>)[type] : undefined;
  return t?.capabilities ?? null;
}

/** Whether MA `ma` manages passwords, and why not when it does not. */
export function passwordManagementOf(
  ma: { id: string; name: string; type: string },
  setting: { enabled: boolean; mustChangeAtNextLogon: boolean } | undefined,
): MaPasswordSettingsView & { reason: string | null } {
  const caps = capabilitiesOf(ma.type);
  const supportsPassword = !!caps?.supportsPassword;
  const supportsMustChange = supportsPassword && !!caps?.supportsMustChangePassword;
  const enabled = !!setting?.enabled;
  const reason = !caps
    ? `connector type "${ma.type}" is not installed`
    : !supportsPassword
      ? `the ${ma.type} connector cannot set passwords`
      : !enabled
        ? "password management is not enabled for this management agent"
        : null;
  return {
    maId: ma.id,
    maName: ma.name,
    type: ma.type,
    supportsPassword,
    supportsMustChange,
    enabled,
    mustChangeAtNextLogon: supportsMustChange && !!setting?.mustChangeAtNextLogon,
    managesPasswords: reason === null,
    reason,
  };
}

/** Every MA with its password settings (admin page; helpdesk sees it read-only). */
export async function listPasswordSettings(actor: SessionUser, db: Db = getDb()): Promise<MaPasswordSettingsView[]> {
  assertRole(actor, "helpdesk");
  const mas = await selectMaBasics(db);
  const settings = await selectPasswordSettings(mas.map((m) => m.id), db);
  return mas.map((m) => {
    const { reason: _reason, ...view } = passwordManagementOf(m, settings.get(m.id));
    return view;
  });
}

export interface PasswordSettingsInput {
  maId: string;
  enabled: boolean;
  mustChangeAtNextLogon: boolean;
}

export async function updatePasswordSettings(actor: SessionUser, input: PasswordSettingsInput, db: Db = getDb()): Promise<MaPasswordSettingsView> {
  assertRole(actor, "admin");
  const ma = (await selectMaBasics(db)).find((m) => m.id === input.maId || m.name === input.maId);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent ${input.maId}`);
  const view = passwordManagementOf(ma, { enabled: true, mustChangeAtNextLogon: input.mustChangeAtNextLogon });
  if (input.enabled && !view.supportsPassword) {
    throw new AppError("INVALID_INPUT", `MA "${ma.name}": ${view.reason}`, { details: { fieldErrors: { enabled: [view.reason ?? ""] } } });
  }
  if (input.mustChangeAtNextLogon && !view.supportsMustChange) {
    throw new AppError("INVALID_INPUT", `MA "${ma.name}": the ${ma.type} connector cannot require a change at next logon`, {
      details: { fieldErrors: { mustChangeAtNextLogon: ["not supported by this connector type"] } },
    });
  }
  await upsertPasswordSettings({ maId: ma.id, enabled: input.enabled, mustChangeAtNextLogon: input.mustChangeAtNextLogon }, db);
  await recordAudit(actor.username, "password.settings", ma.name, { enabled: input.enabled, mustChangeAtNextLogon: input.mustChangeAtNextLogon }, db);
  const { reason: _r, ...out } = passwordManagementOf(ma, { enabled: input.enabled, mustChangeAtNextLogon: input.mustChangeAtNextLogon });
  return out;
}
