// Settings of an LDIF management agent: the zod schema (also the MA Designer's validation) and the
// field list the Designer renders. The mapping settings (anchor, object types, binary attributes) are
// shared with the DSML connector (entry-mapping.ts).

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { entryMappingFields, entryMappingShape } from "./entry-mapping-config.ts";

const filePath = z.string().trim().min(1, "a file path is required");

/** The config of an LDIF MA. */
export const ldifConfigSchema = z.strictObject({
  /** the entries file: read by full imports (content records or `changetype: add`), rewritten by exports. */
  path: filePath,
  /** the change-record file delta imports read; default: `path`. */
  deltaPath: filePath.optional(),
  /** where an export also writes its changes as change records (for ldapmodify); none when absent. */
  changesPath: filePath.optional(),
  ...entryMappingShape,
});

/** Config after defaults. */
export type LdifConfig = z.output<typeof ldifConfigSchema>;

/** The MA Designer's settings page for an LDIF MA. */
export const ldifConfigFields: ConfigField[] = [
  { name: "path", label: "Entries file", kind: "path", required: true, help: "LDIF file of entries (content records or changetype: add). Full imports read it; exports rewrite it, keeping the previous one as <file>.bak." },
  { name: "deltaPath", label: "Change file", kind: "path", help: "Optional: LDIF change records (add, delete, modify, modrdn) read by delta imports. Default: the entries file. The same file is never applied twice." },
  { name: "changesPath", label: "Export change file", kind: "path", help: "Optional: each export also writes its changes here as LDIF change records, ready for ldapmodify -f." },
  ...entryMappingFields,
];
