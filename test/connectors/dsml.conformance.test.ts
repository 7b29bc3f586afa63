import { join } from "node:path";
import { dsmlConnectorType } from "../../lib/connectors/dsml/dsml-connector.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";
import { writeObjectsDsml } from "./ldif-harness.ts";

runConnectorConformance("dsml", async () => {
  const { dir, remove } = await tempDir();
  const path = join(dir, "people.xml");
  return {
    ...PEOPLE,
    connectorType: dsmlConnectorType,
    config: { path, anchor: "uid", objectTypes: { inetOrgPerson: "person" } },
    seed: (objects) => writeObjectsDsml(path, objects),
    badConfig: { path: join(dir, "no-such-folder", "people.xml"), anchor: "uid" },
    cleanup: remove,
  };
});
