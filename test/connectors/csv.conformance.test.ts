import { join } from "node:path";
import { csvConnectorType } from "../../lib/connectors/csv/csv-connector.ts";
import { runConnectorConformance } from "./conformance.ts";
import { tempDir, writeObjectsCsv } from "./csv-harness.ts";

runConnectorConformance("csv", async () => {
  const { dir, remove } = await tempDir();
  const path = join(dir, "people.csv");
  return {
    connectorType: csvConnectorType,
    config: { path, anchor: "uid", dnTemplate: "uid={uid},ou=people,dc=example,dc=com", multiValued: ["mail"] },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed: (objects) => writeObjectsCsv(path, objects, ["uid", "displayName", "mail"]),
    dnFor: (attrs) => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`,
    badConfig: { path: join(dir, "no-such-folder", "people.csv"), anchor: "uid" },
    failingChange: () => ({ id: "cs-no-anchor", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: { displayName: ["Nobody"] } }),
    cleanup: remove,
  };
});
