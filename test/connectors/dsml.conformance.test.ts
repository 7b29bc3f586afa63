import { join } from "node:path";
import { dsmlConnectorType } from "../../lib/connectors/dsml/dsml-connector.ts";
import { runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./csv-harness.ts";
import { writeObjectsDsml } from "./ldif-harness.ts";

runConnectorConformance("dsml", async () => {
  const { dir, remove } = await tempDir();
  const path = join(dir, "people.xml");
  return {
    connectorType: dsmlConnectorType,
    config: { path, anchor: "uid", objectTypes: { inetOrgPerson: "person" } },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed: (objects) => writeObjectsDsml(path, objects),
    dnFor: (attrs) => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`,
    badConfig: { path: join(dir, "no-such-folder", "people.xml"), anchor: "uid" },
    failingChange: () => ({ id: "cs-no-anchor", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: { displayName: ["Nobody"] } }),
    cleanup: remove,
  };
});
