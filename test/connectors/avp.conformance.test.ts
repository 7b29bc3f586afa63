import { writeFile } from "node:fs/promises";
import { avpConnectorType } from "../../lib/connectors/avp/avp-connector.ts";
import type { AttrValues } from "../../lib/engine/types.ts";
import { runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";

const dnFor = (attrs: AttrValues) => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`;
const failingChange = () => ({ id: "cs-no-anchor", op: "add" as const, objectType: "person", anchor: null, dn: "", changes: {}, attrs: { displayName: ["Nobody"] } });
const lines = (o: AttrValues, sep: string) => Object.entries(o).flatMap(([n, vs]) => vs.map((v) => `${n}${sep}${v}`));

runConnectorConformance("avp (name: value, blank-line records)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.avp");
  return {
    connectorType: avpConnectorType,
    config: { path, anchor: "uid", multiValued: ["mail"], dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed: (objects) => writeFile(path, objects.map((o) => lines(o, ": ").join("\n") + "\n\n").join("")),
    dnFor,
    badConfig: { path: `${dir}/missing/people.avp`, anchor: "uid" },
    failingChange,
    cleanup: remove,
  };
});

runConnectorConformance("avp (name=value, %% marker, comments, CRLF)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.avp");
  return {
    connectorType: avpConnectorType,
    config: { path, anchor: "uid", separator: "=", marker: "%%", commentPrefix: "#", multiValued: ["mail"], dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed: (objects) => writeFile(path, "# people\r\n" + objects.map((o) => ["", ...lines(o, "=")].join("\r\n") + "\r\n%%\r\n").join("")),
    dnFor,
    badConfig: { path: `${dir}/missing/people.avp`, anchor: "uid" },
    failingChange,
    cleanup: remove,
  };
});
