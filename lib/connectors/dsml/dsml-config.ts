// Settings of a DSML v2 management agent: the zod schema (also the MA Designer's validation) and the
// field list the Designer renders. The mapping settings are shared with LDIF (entry-mapping-config.ts).

import { z } from "zod";
import type { ConfigField } from "../../engine/connector.ts";
import { entryMappingFields, entryMappingShape } from "../ldif/entry-mapping-config.ts";

const filePath = z.string().trim().min(1, "a file path is required");

/** The config of a DSML v2 MA. */
export const dsmlConfigSchema = z.strictObject({
  /** the entries file: a DSML searchResponse (or addRequests), read by imports, rewritten by exports. */
  path: filePath,
  /** where an export also writes its changes as a DSML batchRequest; none when absent. */
  changesPath: filePath.optional(),
  ...entryMappingShape,
});

/** Config after defaults. */
export type DsmlConfig = z.output<typeof dsmlConfigSchema>;

/** The MA Designer's settings page for a DSML MA. */
export const dsmlConfigFields: ConfigField[] = [
  { name: "path", label: "Entries file", kind: "path", required: true, help: "DSML v2 document with a searchResponse (searchResultEntry elements). Imports read it; exports rewrite it, keeping the previous one as <file>.bak." },
  { name: "changesPath", label: "Export batchRequest file", kind: "path", help: "Optional: each export also writes its changes here as a DSML v2 batchRequest (addRequest, modifyRequest, delRequest, modDNRequest)." },
  ...entryMappingFields,
];
