import { join } from "node:path";
import { csvConnectorType } from "../../lib/connectors/csv/csv-connector.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { tempDir, writeObjectsCsv } from "./csv-harness.ts";

runConnectorConformance("csv", async () => {
  const { dir, remove } = await tempDir();
  const path = join(dir, "people.csv");
  return {
    ...PEOPLE,
    connectorType: csvConnectorType,
    config: { path, anchor: "uid", dnTemplate: "uid={uid},ou=people,dc=example,dc=com", multiValued: ["mail"] },
    seed: (objects) => writeObjectsCsv(path, objects, ["uid", "displayName", "mail"]),
    badConfig: { path: join(dir, "no-such-folder", "people.csv"), anchor: "uid" },
    cleanup: remove,
  };
});
