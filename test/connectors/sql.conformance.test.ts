// The connector conformance suite on each SQL dialect, each test in its own schema/database/file.
import { sqlConnectorType } from "../../lib/connectors/sql/sql-connector.ts";
import { runConnectorConformance } from "./conformance.ts";
import { createPeopleTables, peopleConfig, seedPeople, sqlSandbox, TEST_DIALECTS } from "./sql-harness.ts";

for (const dialect of TEST_DIALECTS) {
  runConnectorConformance(`sql (${dialect})`, async () => {
    const s = await sqlSandbox(dialect);
    await createPeopleTables(s);
    const bad = dialect === "sqlite" ? { ...s.connection, file: `${s.connection.file}.missing` } : { ...s.connection, port: 1 };
    return {
      connectorType: sqlConnectorType,
      config: peopleConfig(s),
      objectType: "person",
      keyAttribute: "uid",
      singleValuedAttribute: "displayName",
      multiValuedAttribute: "mail",
      seed: (objects) => seedPeople(s, objects),
      dnFor: (attrs) => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`,
      badConfig: peopleConfig(s, bad),
      failingChange: () => ({ id: "cs-no-anchor", op: "add", objectType: "person", anchor: null, dn: "cn=nobody", changes: {}, attrs: { displayName: ["Nobody"] } }),
      cleanup: () => s.cleanup(),
    };
  });
}
