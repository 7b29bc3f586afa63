// The connector conformance suite against the run's slapd: each test gets its own ou. People are
// inetOrgPersons named cn=<key>; the key is their sn, so an add carries both required attributes.
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { freePort } from "../support/slapd.ts";
import { runConnectorConformance } from "./conformance.ts";
import { addEntries, clearBelow, ldapConfig, ldapSandbox } from "./ldap-harness.ts";

runConnectorConformance("ldap", async () => {
  const box = await ldapSandbox();
  const port = await freePort();
  return {
    connectorType: ldapConnectorType,
    config: ldapConfig(box.dn, { objectTypes: { inetOrgPerson: "person" }, pageSize: 2 }),
    objectType: "person",
    keyAttribute: "sn",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    async seed(objects) {
      await clearBelow(box.client, box.dn);
      await addEntries(
        box.client,
        objects.map((o) => ({ dn: `cn=${o.sn![0]},${box.dn}`, attrs: { objectClass: ["inetOrgPerson"], cn: [o.sn![0]!], ...o } })),
      );
    },
    dnFor: (attrs) => `cn=${attrs.sn![0]},${box.dn}`,
    badConfig: ldapConfig(box.dn, { url: `ldap://127.0.0.1:${port}`, connectTimeoutMs: 2000 }),
    // inetOrgPerson requires sn: the server refuses this add (objectClassViolation).
    failingChange: () => ({ id: "cs-no-sn", op: "add", objectType: "person", anchor: null, dn: `cn=nobody,${box.dn}`, changes: {}, attrs: { displayName: ["Nobody"] } }),
    cleanup: () => box.close(),
  };
});
