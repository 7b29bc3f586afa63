// Password management as the console, the self-service page and the API see it.

/** What setting a password did in one connected system of the identity. */
export interface PasswordSystemResult {
  maId: string;
  maName: string;
  csId: string;
  dn: string;
  status: "success" | "failure" | "not-applicable";
  /** the system's message on failure; why it does not apply otherwise */
  message: string | null;
  /** the connector's error code on failure (e.g. ldap-unreachable) */
  code: string | null;
  mustChange: boolean;
}

/** A connected system of the identity, before a reset: will the password be set there? */
export interface PasswordTargetView {
  maId: string;
  maName: string;
  csId: string;
  dn: string;
  applies: boolean;
  /** why it does not apply */
  reason: string | null;
  /** a change at next logon will be required there */
  mustChange: boolean;
}

export interface PasswordResetResult {
  mvId: string;
  results: PasswordSystemResult[];
  /** the generated password, shown once to the help desk; absent when one was typed */
  generatedPassword?: string;
}

/** One broken rule of the password policy. */
export interface PolicyViolation {
  rule: "min-length" | "max-length" | "character-classes" | "contains-account-name" | "recently-used";
  message: string;
}

export interface PasswordPolicyView {
  minLength: number;
  minClasses: number;
  historyCount: number;
}

/** An MA as the password settings page shows it. */
export interface MaPasswordSettingsView {
  maId: string;
  maName: string;
  type: string;
  supportsPassword: boolean;
  supportsMustChange: boolean;
  enabled: boolean;
  mustChangeAtNextLogon: boolean;
  /** enabled and supported */
  managesPasswords: boolean;
}

export interface ApiTokenView {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What the self-service page shows after a reset: a result per system, without DNs or internal messages. */
export interface SelfResetResult {
  results: PasswordSystemResult[];
}
