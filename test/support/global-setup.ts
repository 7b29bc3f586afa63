// Vitest globalSetup: one throwaway slapd for the whole run (test/support/slapd.ts), stopped at the end.
// Tests read it with testLdap() from test/support/test-ldap.ts (vitest inject) or from the
// IDSYNC_TEST_LDAP_* environment variables, which forked workers and the subprocesses tests spawn
// inherit (workers are forked after this runs). Missing slapd is a failure, never a skip.
// Databases are per test file (test/support/databases.ts), so nothing else happens here.
import type { TestProject } from "vitest/node";
import { startSlapd, type Slapd } from "./slapd.ts";

declare module "vitest" {
  export interface ProvidedContext {
    ldap: { url: string; baseDn: string; adminDn: string; adminPassword: string };
  }
}

let slapd: Slapd | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  slapd = await startSlapd();
  const { url, baseDn, adminDn, adminPassword } = slapd;
  process.env.IDSYNC_TEST_LDAP_URL = url;
  process.env.IDSYNC_TEST_LDAP_BASE_DN = baseDn;
  process.env.IDSYNC_TEST_LDAP_ADMIN_DN = adminDn;
  process.env.IDSYNC_TEST_LDAP_ADMIN_PASSWORD = adminPassword;
  project.provide("ldap", { url, baseDn, adminDn, adminPassword });
  return async () => {
    await slapd?.stop();
    slapd = undefined;
  };
}
