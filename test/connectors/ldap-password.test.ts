// LDAP password set against slapd: the RFC 3062 Password Modify extended operation (the server
// hashes the value as {SSHA}), then a bind as the user with the new password works and with the
// old one fails; "must change" sets the ppolicy pwdReset attribute.
import { Client, InvalidCredentialsError } from "ldapts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { passwordModifyValue } from "../../lib/connectors/ldap/ldap-password.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import { testLdap } from "../support/test-ldap.ts";
import { ldapConfig, ldapSandbox, personAttrs } from "./ldap-harness.ts";

const open = (config: Record<string, unknown>): Connector => ldapConnectorType.create(ldapConnectorType.configSchema.parse(config));

async function bindAs(dn: string, password: string): Promise<void> {
  const client = new Client({ url: testLdap().url, timeout: 10_000 });
  try {
    await client.bind(dn, password);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe("LDAP password set", () => {
  let box: Awaited<ReturnType<typeof ldapSandbox>>;
  let connector: Connector;
  let dn: string;

  beforeEach(async () => {
    box = await ldapSandbox();
    dn = `uid=pat,${box.dn}`;
    await box.client.add(dn, personAttrs("pat", { userPassword: ["Old-pass-1"] }) as never);
    connector = open(ldapConfig(box.dn));
  });

  afterEach(async () => {
    await connector.close();
    await box.close();
  });

  async function readOperational(attrs: string[]) {
    const { searchEntries } = await box.client.search(dn, { scope: "base", attributes: attrs });
    return searchEntries[0]!;
  }

  it("encodes the PasswdModifyRequest as RFC 3062 says", () => {
    const value = passwordModifyValue("uid=a", "pw");
    // SEQUENCE { [0] "uid=a", [2] "pw" }
    expect(value.toString("hex")).toBe("300b" + "8005" + Buffer.from("uid=a").toString("hex") + "8202" + Buffer.from("pw").toString("hex"));
  });

  it("sets a password the user can then bind with; the old one stops working; the value is hashed", async () => {
    await bindAs(dn, "Old-pass-1");
    await connector.setPassword!({ dn, anchor: null }, "New-pass-2");
    await expect(bindAs(dn, "New-pass-2")).resolves.toBeUndefined();
    await expect(bindAs(dn, "Old-pass-1")).rejects.toBeInstanceOf(InvalidCredentialsError);
    const entry = await readOperational(["userPassword"]);
    expect(String(entry.userPassword)).toMatch(/^\{SSHA\}/);
  });

  it("mustChange sets pwdReset: TRUE, and mustChange false clears it", async () => {
    await connector.setPassword!({ dn, anchor: null }, "Temp-pass-3", { mustChange: true });
    expect((await readOperational(["pwdReset"])).pwdReset).toBe("TRUE");
    await bindAs(dn, "Temp-pass-3");
    await connector.setPassword!({ dn, anchor: null }, "Final-pass-4", { mustChange: false });
    expect((await readOperational(["pwdReset"])).pwdReset ?? []).toEqual([]);
    await bindAs(dn, "Final-pass-4");
  });

  it("finds a moved entry by its anchor; a missing one fails with a clear error", async () => {
    const { searchEntries } = await box.client.search(dn, { scope: "base", attributes: ["entryUUID"] });
    const anchor = String(searchEntries[0]!.entryUUID);
    await box.client.modifyDN(dn, `uid=pat2,${box.dn}`);
    await connector.setPassword!({ dn, anchor }, "Moved-pass-5");
    await bindAs(`uid=pat2,${box.dn}`, "Moved-pass-5");
    await expect(connector.setPassword!({ dn: `uid=ghost,${box.dn}`, anchor: null }, "x")).rejects.toMatchObject({ message: expect.stringMatching(/uid=ghost/) });
  });
});
