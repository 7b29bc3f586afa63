import { join } from "node:path";
import { ldifConnectorType } from "../../lib/connectors/ldif/ldif-connector.ts";
import { runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./csv-harness.ts";
import { writeObjectsLdif } from "./ldif-harness.ts";

runConnectorConformance("ldif", async () => {
  const { dir, remove } = await tempDir();
  const path = join(dir, "people.ldif");
  return {
    connectorType: ldifConnectorType,
    config: { path, anchor: "uid", objectTypes: { inetOrgPerson: "person" } },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed: (objects) => writeObjectsLdif(path, objects),
    dnFor: (attrs) => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`,
    badConfig: { path: join(dir, "no-such-folder", "people.ldif"), anchor: "uid" },
    failingChange: () => ({ id: "cs-no-anchor", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: { displayName: ["Nobody"] } }),
    cleanup: remove,
  };
});
