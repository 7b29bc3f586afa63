// Helpers shared by the LDIF connector tests.
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
