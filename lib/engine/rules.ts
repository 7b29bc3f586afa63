// The rules of one management agent, stored as JSON on the MA and validated by rules-schema.ts.
// Expressions are JSONata (see expressions.ts); inside a csentry expression the csentry's attributes
// are bound by name (single-valued -> string, multi-valued -> array), plus $dn, $anchor, $objectType.
// Inside an mventry expression the mventry's attributes are bound the same way.

/** Keeps csentries of an object type out of synchronization when `condition` is true. */
export interface ConnectorFilterRule {
  objectType: string;
  condition: string;
}

/** One ordered join rule: every mapping must match (AND); the first rule with matches wins. */
export interface JoinRule {
  /** csentry value (attribute name or expression) -> mventry attribute. */
  mappings: { cs?: string; expression?: string; mv: string }[];
  /** case-insensitive comparison (default true). */
  ignoreCase?: boolean;
}

export interface JoinProjectionRule {
  /** csentry object type this rule applies to. */
  objectType: string;
  /** metaverse object type to join to or project as. */
  mvObjectType: string;
  join?: JoinRule[];
  /** project a new mventry when no join matches. */
  project?: boolean;
  /** only project when this expression is true (optional). */
  projectCondition?: string;
}

/** csentry -> mventry attribute flow. `cs` is a direct flow, `expression` a computed one. */
export interface ImportFlowRule {
  objectType: string;
  mvObjectType: string;
  mv: string;
  cs?: string;
  expression?: string;
  /** ranked precedence: lower wins (default 100). */
  precedence?: number;
}

/** mventry -> csentry attribute flow. */
export interface ExportFlowRule {
  objectType: string;
  mvObjectType: string;
  cs: string;
  mv?: string;
  expression?: string;
  /** write an empty value when the mventry has none (default true: clear the target). */
  allowNull?: boolean;
}

/** Declarative provisioning: for mventries matching `condition`, ensure a connector in this MA. */
export interface ProvisioningRule {
  name: string;
  mvObjectType: string;
  condition?: string;
  objectType: string;
  /** expression building the DN; a changed value renames the connector. */
  dn: string;
  /** expression building the anchor for systems where IdSync chooses it (files, SQL). */
  anchor?: string;
  /** initial attributes on creation: csAttr -> expression. */
  initial?: Record<string, string>;
}

export type DeprovisionAction = "disconnector" | "explicit-disconnector" | "delete";

export interface MaRules {
  connectorFilters?: ConnectorFilterRule[];
  joinProjection?: JoinProjectionRule[];
  importFlows?: ImportFlowRule[];
  exportFlows?: ExportFlowRule[];
  provisioning?: ProvisioningRule[];
  /** what happens to a connector of this MA when its mventry goes or a provisioning condition stops matching. */
  deprovision?: DeprovisionAction;
  /** object deletion rule: delete the mventry when its connector from this MA is deleted. */
  deleteMvOnDisconnect?: boolean;
}
