import { join } from "node:path";
import { ldifConnectorType } from "../../lib/connectors/ldif/ldif-connector.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";
import { writeObjectsLdif } from "./ldif-harness.ts";

runConnectorConformance("ldif", async () => {
  const { dir, remove } = await tempDir();
  const path = join(dir, "people.ldif");
  return {
    ...PEOPLE,
    connectorType: ldifConnectorType,
    config: { path, anchor: "uid", objectTypes: { inetOrgPerson: "person" } },
    seed: (objects) => writeObjectsLdif(path, objects),
    badConfig: { path: join(dir, "no-such-folder", "people.ldif"), anchor: "uid" },
    cleanup: remove,
  };
});
