import { writeFile } from "node:fs/promises";
import { delimitedConnectorType } from "../../lib/connectors/delimited/delimited-connector.ts";
import { encodeText } from "../../lib/connectors/file-common/atomic-file.ts";
import type { AttrValues } from "../../lib/engine/types.ts";
import { PEOPLE, runConnectorConformance } from "./conformance.ts";
import { tempDir } from "./file-harness.ts";


runConnectorConformance("delimited (comma, header, multi-values by separator)", async () => {
  const { dir, remove, file } = await tempDir();
  const path = file("people.csv");
  return {
    ...PEOPLE,
    connectorType: delimitedConnectorType,
    config: { path, anchor: "uid", dnTemplate: "uid={uid},ou=people,dc=example,dc=com", multiValued: ["mail"] },
    seed: (objects) => writeFile(path, ["uid,displayName,mail", ...objects.map((o) => `${o.uid},"${o.displayName}",${(o.mail ?? []).join("|")}`)].join("\n") + "\n"),
    badConfig: { path: `${dir}/no-such-folder/people.csv`, anchor: "uid" },
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
    ...PEOPLE,
    connectorType: delimitedConnectorType,
    config: { path, anchor: "uid", delimiter: "tab", encoding: "utf16le", multiValued: ["mail"], multiValueMode: "rows", dnTemplate: "uid={uid},ou=people,dc=example,dc=com" },
    seed,
    badConfig: { path: `${dir}/missing/people.tsv`, anchor: "uid", delimiter: "tab" },
    cleanup: remove,
  };
});
