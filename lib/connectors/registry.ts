// Every connector type by its registry key, and the engine's ConnectorFactory over them.

import { ConnectivityError, type Connector, type ConnectorType } from "../engine/connector.ts";
import type { ConnectorFactory, MaDefinition } from "../engine/ports.ts";
import { avpConnectorType } from "./avp/avp-connector.ts";
import { csvConnectorType } from "./csv/csv-connector.ts";
import { delimitedConnectorType } from "./delimited/delimited-connector.ts";
import { dsmlConnectorType } from "./dsml/dsml-connector.ts";
import { fixedWidthConnectorType } from "./fixed-width/fixed-width-connector.ts";
import { ldapConnectorType } from "./ldap/ldap-connector.ts";
import { ldifConnectorType } from "./ldif/ldif-connector.ts";
import { sqlConnectorType } from "./sql/sql-connector.ts";

/** The connector types IdSync knows, by the `type` stored on an MA. */
export const connectorTypes = {
  csv: csvConnectorType,
  avp: avpConnectorType,
  delimited: delimitedConnectorType,
  dsml: dsmlConnectorType,
  "fixed-width": fixedWidthConnectorType,
  ldap: ldapConnectorType,
  ldif: ldifConnectorType,
  sql: sqlConnectorType,
} satisfies Record<string, ConnectorType<any>>;

export type ConnectorTypeName = keyof typeof connectorTypes;

/** The connector type registered as `type`; throws ConnectivityError `unknown-connector-type` otherwise. */
export function getConnectorType(type: string): ConnectorType<unknown> {
  if (!Object.hasOwn(connectorTypes, type)) {
    throw new ConnectivityError(
      "unknown-connector-type",
      `unknown connector type "${type}" (known: ${Object.keys(connectorTypes).join(", ")})`,
    );
  }
  return connectorTypes[type as ConnectorTypeName] as ConnectorType<unknown>;
}

interface IssueLike {
  path?: readonly PropertyKey[];
  message?: string;
}

/** "path: message; anchor: required" from a zod error (or the error's message for other parsers). */
function describeConfigError(e: unknown): string {
  const issues = (e as { issues?: IssueLike[] }).issues;
  if (Array.isArray(issues) && issues.length) {
    return issues.map((i) => `${i.path?.length ? i.path.map(String).join(".") : "(config)"}: ${i.message ?? "invalid"}`).join("; ");
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parses an MA's config with its type's schema; a bad config throws ConnectivityError `invalid-config`
 * naming the MA and each bad field (the run stops before touching the system).
 */
export function parseMaConfig(ma: Pick<MaDefinition, "name" | "type" | "config">): { type: ConnectorType<unknown>; config: unknown } {
  let type: ConnectorType<unknown>;
  try {
    type = getConnectorType(ma.type);
  } catch (e) {
    throw new ConnectivityError("unknown-connector-type", `MA "${ma.name}": ${(e as Error).message}`, { cause: e });
  }
  try {
    return { type, config: type.configSchema.parse(ma.config ?? {}) };
  } catch (e) {
    throw new ConnectivityError("invalid-config", `MA "${ma.name}" (${ma.type}): invalid config: ${describeConfigError(e)}`, { cause: e });
  }
}

/** The ConnectorFactory the engine uses: registry lookup, config validation, create. */
export const registryConnectorFactory: ConnectorFactory = {
  open(ma: MaDefinition): Connector {
    const { type, config } = parseMaConfig(ma);
    return type.create(config);
  },
};
