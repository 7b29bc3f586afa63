// Helpers shared by the LDIF and DSML connector tests.
import { writeFile } from "node:fs/promises";
import type { AttrValues } from "../../lib/engine/types.ts";

/** Writes objects as LDIF content records (plain values; uid names the DN). */
export async function writeObjectsLdif(path: string, objects: AttrValues[], base = "ou=people,dc=example,dc=com"): Promise<void> {
  const records = objects.map((o) => {
    const lines = [`dn: uid=${o.uid![0]},${base}`, "objectClass: top", "objectClass: inetOrgPerson"];
    for (const [name, values] of Object.entries(o)) for (const v of values) lines.push(`${name}: ${v}`);
    return lines.join("\n") + "\n";
  });
  await writeFile(path, ["version: 1", "", ...records].join("\n"));
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** Writes objects as a DSML v2 searchResponse (uid names the DN). */
export async function writeObjectsDsml(path: string, objects: AttrValues[], base = "ou=people,dc=example,dc=com"): Promise<void> {
  const entries = objects.map((o) => {
    const attrs = [`<attr name="objectClass"><value>top</value><value>inetOrgPerson</value></attr>`];
    for (const [name, values] of Object.entries(o)) attrs.push(`<attr name="${esc(name)}">${values.map((v) => `<value>${esc(v)}</value>`).join("")}</attr>`);
    return `<searchResultEntry dn="uid=${esc(o.uid![0]!)},${base}">${attrs.join("")}</searchResultEntry>`;
  });
  await writeFile(path, `<?xml version="1.0" encoding="UTF-8"?>\n<batchResponse xmlns="urn:oasis:names:tc:DSML:2:0:core">\n<searchResponse>\n${entries.join("\n")}\n<searchResultDone><resultCode code="0"/></searchResultDone>\n</searchResponse>\n</batchResponse>\n`);
}
