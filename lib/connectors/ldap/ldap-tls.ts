// TLS of an LDAP MA (ldaps:// or StartTLS): the server's certificate is verified against the
// system's CAs plus the MA's CA file, for the URL's host or the configured TLS server name. A
// certificate that does not verify (self-signed, issued to another name) is trusted only when its
// SHA-256 fingerprint is the one the MA names: the explicit "trust this certificate" choice, never a
// silent skip. The refusal names the certificate's fingerprint so an admin can make that choice.
// The check runs before ldapts sees the connection as open, so no bind (no password) is ever sent
// to an untrusted server, also on ldapts' transparent reconnects.

import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { ConnectivityError } from "../../engine/connector.ts";
import type { LdapConfig } from "./ldap-config.ts";

type TlsSettings = Pick<LdapConfig, "url" | "tlsCaFile" | "tlsServerName" | "tlsTrustFingerprint">;

/** An error of the TLS handshake that says the certificate is not trusted, with its fingerprint. */
export class UntrustedCertificateError extends Error {
  readonly code = "ldap-untrusted-certificate";
  constructor(
    message: string,
    readonly fingerprint: string,
  ) {
    super(message);
    this.name = "UntrustedCertificateError";
  }
}

/** "ab:CD:..." or "abcd..." -> "AB:CD:..." (Node's fingerprint256 form). */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-f]/gi, "").toUpperCase();
  return hex.match(/.{2}/g)?.join(":") ?? "";
}

/** The CA certificates of the CA file, read when a connection opens (a missing file is a connectivity error naming it). */
function readCa(settings: TlsSettings): Buffer | undefined {
  if (!settings.tlsCaFile) return undefined;
  try {
    return fs.readFileSync(settings.tlsCaFile);
  } catch (e) {
    throw new ConnectivityError("ldap-ca-file-unreadable", `LDAP ${settings.url}: the CA file ${settings.tlsCaFile} cannot be read: ${(e as Error).message}`, { cause: e });
  }
}

/** The options every TLS connection of the MA uses (verification is decided in secureConnect, below). */
export function tlsConnectOptions(settings: TlsSettings): tls.ConnectionOptions {
  const ca = readCa(settings);
  const servername = settings.tlsServerName || new URL(settings.url).hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    // Node's roots plus the MA's CA file: a CA file adds trust, it does not replace the public CAs.
    ...(ca ? { ca: [...tls.rootCertificates, ca.toString("utf8")] } : {}),
    // SNI carries host names only (RFC 6066); the identity check below still uses an IP address.
    ...(net.isIP(servername) ? {} : { servername }),
    checkServerIdentity: (_host, cert) => tls.checkServerIdentity(servername, cert),
    // Decided below: authorized by the chain and name, or by the pinned fingerprint.
    rejectUnauthorized: false,
  };
}

/** Why the socket's certificate is not trusted, or null when it is. */
function untrusted(socket: tls.TLSSocket, settings: TlsSettings): UntrustedCertificateError | null {
  if (socket.authorized) return null;
  const fingerprint = socket.getPeerCertificate()?.fingerprint256 ?? "";
  if (settings.tlsTrustFingerprint && fingerprint && normalizeFingerprint(settings.tlsTrustFingerprint) === fingerprint) return null;
  const reason = String(socket.authorizationError ?? "not verified");
  const pinned = settings.tlsTrustFingerprint ? ` (the trusted fingerprint ${normalizeFingerprint(settings.tlsTrustFingerprint)} does not match)` : "";
  return new UntrustedCertificateError(
    `the server's certificate is not trusted: ${reason}${pinned}; its SHA-256 fingerprint is ${fingerprint || "unknown"}. Give its CA as the CA file (tlsCaFile), the name it was issued to as the TLS server name (tlsServerName), or trust this certificate by its fingerprint (tlsTrustFingerprint)`,
    fingerprint,
  );
}

/**
 * A tls.connect for ldapts (its createSecureConnection) that refuses an untrusted certificate:
 * 'secureConnect' is held back and the socket fails with UntrustedCertificateError instead.
 */
export function verifyingTlsConnect(settings: TlsSettings): typeof tls.connect {
  const connect = (...args: unknown[]): tls.TLSSocket => {
    const ours = tlsConnectOptions(settings);
    // ldapts calls (port, host, options) for ldaps:// and (options with the plain socket) for StartTLS.
    const options: tls.ConnectionOptions =
      typeof args[0] === "number" ? { port: args[0], host: args[1] as string, ...ours } : { ...(args[0] as tls.ConnectionOptions), ...ours };
    const socket = tls.connect(options);
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...rest: unknown[]): boolean => {
      if (event === "secureConnect") {
        const problem = untrusted(socket, settings);
        if (problem) {
          socket.destroy(problem);
          return false;
        }
      }
      return emit(event, ...rest);
    }) as typeof socket.emit;
    return socket;
  };
  return connect as typeof tls.connect;
}
