// A throwaway Samba Active Directory domain controller on 127.0.0.1 for the AD tests: provisioned by
// test/support/samba-ad/provision.sh into a temporary directory, run in the foreground (`samba -i`) as
// our child in its own process group, so stop() ends it and every process it forked. It runs only its
// LDAP service, on AD's fixed ports (389, 636, 3268, 3269): one instance per machine, so a single test file
// (test/connectors/ldap-ad.test.ts) starts it in beforeAll and stops it in afterAll. Samba makes a
// self-signed CA and server certificate at its first start (private/tls/ca.pem; the certificate is
// issued to dc1.samdom.example.test, which a client connecting to 127.0.0.1 names as its TLS server
// name). Missing Samba is a failure with the install command, never a skip.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "ldapts";
import { findProgram } from "./slapd.ts";

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));

export const SAMBA_AD_INSTALL_HINT =
  "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y samba samba-ad-dc samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind ldb-tools";

export interface SambaAd {
  /** ldaps://127.0.0.1:636 */
  ldapsUrl: string;
  /** ldap://127.0.0.1:389 (simple binds allowed for the tests, see provision.sh) */
  ldapUrl: string;
  baseDn: string;
  /** the container of the domain's users */
  usersDn: string;
  adminDn: string;
  /** the admin as a user principal name */
  adminUpn: string;
  adminPassword: string;
  /** Samba's own CA certificate (PEM), the trust anchor of its LDAPS certificate */
  caFile: string;
  /** the name in the DC's certificate */
  serverName: string;
  /** seconds spent provisioning and starting */
  provisionSeconds: number;
  startSeconds: number;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = "Passw0rd!Adm1n";
const BASE_DN = "DC=samdom,DC=example,DC=test";

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

async function ldapsAnswers(url: string, caFile: string): Promise<boolean> {
  if (!fs.existsSync(caFile)) return false;
  const client = new Client({ url, timeout: 2000, connectTimeout: 2000, tlsOptions: { ca: fs.readFileSync(caFile), servername: "dc1.samdom.example.test" } });
  try {
    await client.bind(`Administrator@samdom.example.test`, ADMIN_PASSWORD);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** Provisions a fresh domain and starts its DC; throws (with the install command) when Samba is missing. */
export async function startSambaAd(): Promise<SambaAd> {
  const samba = findProgram("samba");
  const sambaTool = findProgram("samba-tool");
  if (!samba || !sambaTool) {
    throw new Error(`Samba (the AD domain controller) is not installed; the Active Directory tests need it. Install it with:\n  ${SAMBA_AD_INSTALL_HINT}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-samba-ad-"));
  const t0 = performance.now();
  try {
    await run("bash", [path.join(HERE, "samba-ad", "provision.sh"), dir, ADMIN_PASSWORD], { timeout: 360_000 });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`provisioning the Samba AD domain failed: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`);
  }
  const t1 = performance.now();
  const child = spawn(samba, ["-i", "-s", path.join(dir, "etc", "smb.conf")], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  // samba forks its services; the group (led by our child) goes as one.
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => killGroup("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup("SIGTERM");
      const timer = setTimeout(() => killGroup("SIGKILL"), 5000);
      await exited(child);
      clearTimeout(timer);
    }
    killGroup("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const ldapsUrl = "ldaps://127.0.0.1:636";
  const caFile = path.join(dir, "private", "tls", "ca.pem");
  const deadline = Date.now() + 180_000;
  while (!(await ldapsAnswers(ldapsUrl, caFile))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the Samba AD DC did not answer on ${ldapsUrl} (is another AD or LDAP server using ports 389/636?): ${stderr.trim().slice(-1500) || "no answer within 180 s"}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const t2 = performance.now();
  return {
    ldapsUrl,
    ldapUrl: "ldap://127.0.0.1:389",
    baseDn: BASE_DN,
    usersDn: `CN=Users,${BASE_DN}`,
    adminDn: `CN=Administrator,CN=Users,${BASE_DN}`,
    adminUpn: "Administrator@samdom.example.test",
    adminPassword: ADMIN_PASSWORD,
    caFile,
    serverName: "dc1.samdom.example.test",
    provisionSeconds: (t1 - t0) / 1000,
    startSeconds: (t2 - t1) / 1000,
    stop,
  };
}
