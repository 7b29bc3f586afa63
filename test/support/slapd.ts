// A throwaway OpenLDAP slapd on 127.0.0.1 for tests and benchmarks, built from test/support/slapd/
// (make-slapd-conf.sh + base.ldif): suffix dc=example,dc=com, admin cn=admin,dc=example,dc=com / secret,
// accesslog under cn=accesslog (readable by the admin only), syncprov, ppolicy hashing cleartext passwords.
// slapd runs in the foreground (-d 0) as our child, so stop() knows exactly when it is gone.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "ldapts";

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SLAPD_FILES = path.join(HERE, "slapd");

export const SLAPD_INSTALL_HINT =
  "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils";

export interface Slapd {
  url: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
  /** The instance's directory (slapd.conf, data, accesslog); removed by stop(). */
  dir: string;
  /** The slapd process id (benchmarks read its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const SEARCH_PATH = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin", "/sbin"];

/** The absolute path of a program on PATH (plus the sbin folders), or null. */
export function findProgram(name: string): string | null {
  for (const dir of SEARCH_PATH) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ url, timeout: 1000, connectTimeout: 1000 });
  try {
    await client.search("", { scope: "base", attributes: ["namingContexts"] });
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

async function startOnce(slapd: string, slapadd: string, port: number): Promise<Slapd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-slapd-"));
  const conf = path.join(dir, "slapd.conf");
  await run("bash", [path.join(SLAPD_FILES, "make-slapd-conf.sh"), dir]);
  await run(slapadd, ["-q", "-f", conf, "-b", "dc=example,dc=com", "-l", path.join(SLAPD_FILES, "base.ldif")]);

  const url = `ldap://127.0.0.1:${port}`;
  const child = spawn(slapd, ["-d", "0", "-f", conf, "-h", `${url}/`], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const cleanup = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited(child);
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await cleanup();
      throw new Error(`slapd did not start on ${url}: ${stderr.trim() || "no answer within 15 s"}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    baseDn: "dc=example,dc=com",
    adminDn: "cn=admin,dc=example,dc=com",
    adminPassword: "secret",
    dir,
    pid: child.pid,
    stop: cleanup,
  };
}

/** Starts a fresh slapd on a free port; throws (with the install command) when slapd is missing. */
export async function startSlapd(): Promise<Slapd> {
  const slapd = findProgram("slapd");
  const slapadd = findProgram("slapadd");
  if (!slapd || !slapadd) {
    throw new Error(`OpenLDAP slapd is not installed; the LDAP tests need it. Install it with:\n  ${SLAPD_INSTALL_HINT}`);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(slapd, slapadd, await freePort());
    } catch (e) {
      lastError = e; // most likely the free port was taken in between: try another
    }
  }
  throw lastError;
}
