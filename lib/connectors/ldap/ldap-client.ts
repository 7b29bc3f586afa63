// One LDAP connection of an MA: connect (StartTLS when configured), bind once, reuse. ldapts
// reconnects transparently; with autoRebind the bind is replayed, so a restarted server is used
// again while a stopped one surfaces as a connection error. Errors are sorted here: a failure of
// the connection or the credentials is a ConnectivityError (stops the step), a result code about
// one entry is the object's failure. Messages never carry the password.

import { Client, InvalidCredentialsError, ResultCodeError, type Entry } from "ldapts";
import { ConnectivityError } from "../../engine/connector.ts";
import type { AttrValues } from "../../engine/types.ts";
import type { LdapConfig } from "./ldap-config.ts";
import { UntrustedCertificateError, verifyingTlsConnect } from "./ldap-tls.ts";

/** Result codes that say the server, not the entry, is the problem (busy, unavailable, ...). */
const SERVER_CODES = new Set([51, 52, 80, 81]);

/** Whether an error is the connection's or the server's rather than one entry's. */
export function isConnectionFailure(e: unknown): boolean {
  if (e instanceof ResultCodeError) return SERVER_CODES.has(e.code);
  return true;
}

/** Per-object error codes of the result codes an export meets most. */
const RESULT_CODES: Record<number, string> = {
  16: "ldap-no-such-attribute",
  17: "ldap-undefined-type",
  19: "ldap-constraint-violation",
  20: "ldap-type-or-value-exists",
  21: "ldap-invalid-syntax",
  32: "ldap-no-such-object",
  34: "ldap-invalid-dn-syntax",
  50: "ldap-insufficient-access",
  53: "ldap-unwilling-to-perform",
  64: "ldap-naming-violation",
  65: "ldap-object-class-violation",
  66: "ldap-not-allowed-on-non-leaf",
  67: "ldap-not-allowed-on-rdn",
  68: "ldap-entry-already-exists",
  69: "ldap-no-object-class-mods",
};

/** The LDAP result code name of an error, for per-object codes (`ldap-no-such-object`). */
export function ldapErrorCode(e: unknown): string {
  if (!(e instanceof ResultCodeError)) return "ldap-error";
  if (RESULT_CODES[e.code]) return RESULT_CODES[e.code]!;
  const name = e.constructor.name.replace(/Error$/, "");
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  return `ldap-${kebab || "error"}`;
}

/** A short description of an ldapts error: its message plus the result code when there is one. */
export function describeLdapError(e: unknown): string {
  const err = e as { message?: string; code?: unknown };
  const message = err?.message || String(e);
  return e instanceof ResultCodeError ? `${message} (result code ${e.code})` : message;
}

/** Wraps a failure of the connection as a ConnectivityError naming the server and what was being done. */
export function connectivityError(e: unknown, config: Pick<LdapConfig, "url">, doing: string): ConnectivityError {
  if (e instanceof ConnectivityError) return e;
  const code = e instanceof ResultCodeError ? "ldap-server-error" : "ldap-unreachable";
  return new ConnectivityError(code, `LDAP ${config.url}: ${doing} failed: ${describeLdapError(e)}`, { cause: e });
}

/** The bound client of one connector; opened on first use, closed by close(). */
export class LdapConnection {
  private client: Client | null = null;
  private opening: Promise<Client> | null = null;

  constructor(readonly config: LdapConfig) {}

  /** A client bound as the configured account. Throws ConnectivityError (unreachable, bad credentials). */
  bound(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<Client> {
    const c = this.config;
    // Never tlsOptions: ldapts would speak TLS on an ldap:// URL too. The factory is used by ldaps:// and StartTLS only.
    const client = new Client({ url: c.url, timeout: c.timeoutMs, connectTimeout: c.connectTimeoutMs, autoRebind: true, createSecureConnection: verifyingTlsConnect(c) });
    try {
      if (c.startTls) await client.startTLS();
      await client.bind(c.bindDn, c.bindPassword);
    } catch (e) {
      await client.unbind().catch(() => undefined);
      if (e instanceof UntrustedCertificateError) throw new ConnectivityError(e.code, `LDAP ${c.url}: ${e.message}`, { cause: e });
      if (e instanceof InvalidCredentialsError) {
        throw new ConnectivityError("ldap-invalid-credentials", `LDAP ${c.url}: bind as ${c.bindDn} failed: invalid credentials (check the bind DN and password)`, { cause: e });
      }
      throw connectivityError(e, c, `bind as ${c.bindDn}`);
    }
    this.client = client;
    return client;
  }

  /** Runs `fn` on the bound client; connection failures become ConnectivityError, others pass through. */
  async use<T>(doing: string, fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.bound();
    try {
      return await fn(client);
    } catch (e) {
      if (isConnectionFailure(e)) throw connectivityError(e, this.config, doing);
      throw e;
    }
  }

  /** Whether the connection is encrypted (ldaps:// or StartTLS), as AD requires for unicodePwd. */
  get secured(): boolean {
    return /^ldaps:/i.test(this.config.url) || this.config.startTls;
  }

  /** Unbinds and drops the connection (the next use opens a new one). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.unbind().catch(() => undefined);
  }
}

/** `userCertificate;binary` -> `userCertificate` (a transfer option, not part of the name). */
function stripBinary(name: string): string {
  return name.includes(";") ? name.replace(/;binary$/i, "") : name;
}

/** An ldapts entry as IdSync attribute values: strings, binary values as base64; empty attributes dropped. */
export function entryAttrs(entry: Entry): AttrValues {
  const attrs: AttrValues = {};
  // for...in rather than Object.entries: no array of pairs per entry (this runs once per imported entry).
  for (const key in entry) {
    if (key === "dn" || key === "*" || key === "+" || key === "1.1") continue;
    const raw = entry[key];
    const list = Array.isArray(raw) ? raw : [raw];
    if (!list.length) continue;
    // ldapts's own array is kept when it holds strings only (most attributes): no copy per entry.
    attrs[stripBinary(key)] = list.every((v) => typeof v === "string") ? (list as string[]) : list.map((v) => (Buffer.isBuffer(v) ? v.toString("base64") : String(v)));
  }
  return attrs;
}

/** Escapes a value for an LDAP filter (RFC 4515). */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The names ldapts must return as Buffers: each binary attribute as configured and lowercased. */
export function bufferAttributes(config: Pick<LdapConfig, "binaryAttributes">): string[] {
  return [...new Set(config.binaryAttributes.flatMap((a) => [a, a.toLowerCase(), `${a};binary`]))];
}
