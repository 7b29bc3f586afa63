// The connector conformance suite on each SQL dialect, each test in its own schema/database/file.
import { sqlConnectorType } from "../../lib/connectors/sql/sql-connector.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { createPeopleTables, peopleConfig, seedPeople, sqlSandbox, TEST_DIALECTS } from "./sql-harness.ts";

for (const dialect of TEST_DIALECTS) {
  runConnectorConformance(`sql (${dialect})`, async () => {
    const s = await sqlSandbox(dialect);
    await createPeopleTables(s);
    const bad = dialect === "sqlite" ? { ...s.connection, file: `${s.connection.file}.missing` } : { ...s.connection, port: 1 };
    return {
      ...PEOPLE,
      connectorType: sqlConnectorType,
      config: peopleConfig(s),
      seed: (objects) => seedPeople(s, objects),
      badConfig: peopleConfig(s, bad),
      failingChange: () => ({ ...PEOPLE.failingChange(), dn: "cn=nobody" }),
      cleanup: () => s.cleanup(),
    };
  });
}
