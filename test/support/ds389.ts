// A throwaway 389 Directory Server (the Netscape / iPlanet / Sun lineage) on 127.0.0.1 for the test
// files that need one (per file: start389ds() in beforeAll, stop() in afterAll). Built by
// test/support/389ds/start.sh in a private directory: suffix dc=example,dc=com with ou=people and
// ou=groups, root DN "cn=Directory Manager", the Retro Changelog plugin on (cn=changelog).
// Missing 389 DS binaries are a failure with the install command, never a skip.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "ldapts";
import { findProgram, freePort } from "./slapd.ts";

const run = promisify(execFile);
const SCRIPTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "389ds");

export const DS389_INSTALL_HINT = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y 389-ds-base ldap-utils";

export interface Ds389 {
  url: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
  /** ns-slapd's process id (a new one after restart()). */
  pid: number;
  /** Stops and starts ns-slapd again on the same port and data (plugin settings apply at start). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const INSTANCE = "idsync"; // as in 389ds/start.sh

async function answers(url: string): Promise<boolean> {
  const client = new Client({ url, timeout: 1000, connectTimeout: 1000 });
  try {
    await client.search("", { scope: "base", attributes: ["lastChangeNumber"] });
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`389 DS: ${what} within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopAt(dir: string): Promise<void> {
  await run("bash", [path.join(SCRIPTS, "stop.sh"), dir], { timeout: 60_000 });
}

/** Creates and starts a fresh instance on a free port (about 10 s); throws with the install command when 389 DS is missing. */
export async function start389ds(): Promise<Ds389> {
  const missing = ["dscreate", "ns-slapd", "ldapadd"].filter((p) => !findProgram(p));
  if (missing.length) throw new Error(`389 Directory Server is not installed (no ${missing.join(", ")}); the 389 DS tests need it. Install it with:\n  ${DS389_INSTALL_HINT}`);
  const adminPassword = "Password123";
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-389ds-"));
    const port = await freePort();
    try {
      const { stdout } = await run("bash", [path.join(SCRIPTS, "start.sh"), dir, String(port), adminPassword], { timeout: 180_000 });
      const url = `ldap://127.0.0.1:${port}`;
      const pidFile = path.join(dir, "run", "dirsrv", `slapd-${INSTANCE}.pid`);
      const ds: Ds389 = {
        url,
        baseDn: "dc=example,dc=com",
        adminDn: "cn=Directory Manager",
        adminPassword,
        pid: Number(stdout.trim().split("\n").pop()),
        async restart() {
          process.kill(ds.pid, "SIGTERM");
          await until("ns-slapd did not stop", () => !alive(ds.pid));
          fs.rmSync(pidFile, { force: true });
          // ns-slapd detaches itself once it listens; -i is where it writes its pid.
          await run(findProgram("ns-slapd")!, ["-D", path.join(dir, "etc", "dirsrv", `slapd-${INSTANCE}`), "-i", pidFile], { timeout: 60_000 });
          await until("no pid file after restart", () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8").trim() !== "");
          ds.pid = Number(fs.readFileSync(pidFile, "utf8").trim());
          await until(`no answer on ${url} after restart`, () => answers(url));
        },
        async stop() {
          process.removeListener("exit", killOnExit);
          await stopAt(dir);
        },
      };
      // A test run that dies without afterAll must not leave the server behind.
      const killOnExit = () => {
        try {
          process.kill(ds.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      process.once("exit", killOnExit);
      return ds;
    } catch (e) {
      lastError = e; // most likely the free port was taken in between: try another
      const err = e as { stderr?: string };
      if (err.stderr) lastError = new Error(`389 DS did not start: ${err.stderr.trim()}`, { cause: e });
      await stopAt(dir).catch(() => undefined);
    }
  }
  throw lastError;
}
