import { writeFile } from "node:fs/promises";
import { avpConnectorType } from "../../lib/connectors/avp/avp-connector.ts";
import type { AttrValues } from "../../lib/engine/types.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";

const lines = (o: AttrValues, sep: string) => Object.entries(o).flatMap(([n, vs]) => vs.map((v) => `${n}${sep}${v}`));

runConnectorConformance("avp (name: value, blank-line records)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.avp");
  return {
    ...PEOPLE,
    connectorType: avpConnectorType,
    config: { path, anchor: "uid", multiValued: ["mail"], dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    seed: (objects) => writeFile(path, objects.map((o) => lines(o, ": ").join("\n") + "\n\n").join("")),
    badConfig: { path: `${dir}/missing/people.avp`, anchor: "uid" },
    cleanup: remove,
  };
});

runConnectorConformance("avp (name=value, %% marker, comments, CRLF)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.avp");
  return {
    ...PEOPLE,
    connectorType: avpConnectorType,
    config: { path, anchor: "uid", separator: "=", marker: "%%", commentPrefix: "#", multiValued: ["mail"], dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    seed: (objects) => writeFile(path, "# people\r\n" + objects.map((o) => ["", ...lines(o, "=")].join("\r\n") + "\r\n%%\r\n").join("")),
    badConfig: { path: `${dir}/missing/people.avp`, anchor: "uid" },
    cleanup: remove,
  };
});
