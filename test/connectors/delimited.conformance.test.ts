import { writeFile } from "node:fs/promises";
import { delimitedConnectorType } from "../../lib/connectors/delimited/delimited-connector.ts";
import { encodeText } from "../../lib/connectors/file-common/atomic-file.ts";
import type { AttrValues } from "../../lib/engine/types.ts";
import { runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";

const dnFor = (attrs: AttrValues) => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`;
const failingChange = () => ({ id: "cs-no-anchor", op: "add" as const, objectType: "person", anchor: null, dn: "", changes: {}, attrs: { displayName: ["Nobody"] } });

runConnectorConformance("delimited (comma, header, multi-values by separator)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.csv");
  return {
    connectorType: delimitedConnectorType,
    config: { path, anchor: "uid", dnTemplate: "uid={uid},ou=people,dc=example,dc=com", multiValued: ["mail"] },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed: (objects) => writeFile(path, ["uid,displayName,mail", ...objects.map((o) => `${o.uid},"${o.displayName}",${(o.mail ?? []).join("|")}`)].join("\n") + "\n"),
    dnFor,
    badConfig: { path: `${dir}/no-such-folder/people.csv`, anchor: "uid" },
    failingChange,
    cleanup: remove,
  };
});

runConnectorConformance("delimited (tab, UTF-16LE with BOM, multi-values by rows)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.tsv");
  const seed = async (objects: AttrValues[]) => {
    const lines = ["uid\tdisplayName\tmail"];
    for (const o of objects) for (const m of o.mail ?? [""]) lines.push(`${o.uid}\t${o.displayName}\t${m}`);
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), encodeText(lines.join("\r\n") + "\r\n", "utf16le")]));
  };
  return {
    connectorType: delimitedConnectorType,
    config: { path, anchor: "uid", delimiter: "tab", encoding: "utf16le", multiValued: ["mail"], multiValueMode: "rows", dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    objectType: "person",
    keyAttribute: "uid",
    singleValuedAttribute: "displayName",
    multiValuedAttribute: "mail",
    seed,
    dnFor,
    badConfig: { path: `${dir}/missing/people.tsv`, anchor: "uid", delimiter: "tab" },
    failingChange,
    cleanup: remove,
  };
});
