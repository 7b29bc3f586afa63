// "Test connection" on the MA Designer's Connect page: only the connection settings are known yet
// (no base DN, table or anchor), so each kind of system is asked what it can answer with them: an
// LDAP server binds and returns its root DSE (naming contexts for the Partitions page), a database
// accepts a login, a file's folder is checked. Once every setting is valid the connector's own
// testConnection runs instead. Messages are scrubbed of secrets like every other designer answer.
import { readLdapRootDse } from "../connectors/ldap/ldap-root-dse.ts";
import { ldapConfigSchema } from "../connectors/ldap/ldap-config.ts";
import { testFileConnection } from "../connectors/file-common/text-file.ts";
import { dialectOf } from "../connectors/sql/sql-connector.ts";
import { sqlConfigSchema } from "../connectors/sql/sql-config.ts";
import { sqlFailure } from "../connectors/sql/sql-dialect.ts";
import type { ConnectionTestView } from "../dto/ma-designer.ts";
import { configIssues, failure, scrub, testConnectionWith, withTimeout, type ResolvedConfig } from "./ma-designer-connection.ts";

const pageOf = (resolved: ResolvedConfig, name: string) => resolved.type.fields.find((f) => f.name === name)?.page ?? "connect";

/** Problems of the Connect page's own settings (later pages' settings may still be missing). */
function connectIssues(resolved: ResolvedConfig): { complete: boolean; issues: { path: string; message: string }[] } {
  try {
    resolved.type.configSchema.parse(resolved.effective);
    return { complete: true, issues: [] };
  } catch (e) {
    const issues = configIssues(e).filter((i) => pageOf(resolved, i.path.split(".")[0]) === "connect");
    return { complete: false, issues };
  }
}

async function probeLdap(resolved: ResolvedConfig): Promise<ConnectionTestView> {
  // only the Connect page's settings (later pages may still be unfinished); the base DN belongs to
  // the next page: a stand-in lets them parse, it is not read
  const own = Object.fromEntries(Object.entries(resolved.effective).filter(([k]) => pageOf(resolved, k) === "connect"));
  const settings = ldapConfigSchema.parse({ ...own, baseDn: "dc=unset" });
  const dse = await withTimeout("the connection test", readLdapRootDse(settings));
  const vendor = dse.vendorName ? ` (${dse.vendorName}${dse.vendorVersion ? ` ${dse.vendorVersion}` : ""})` : "";
  return {
    ok: true,
    message: `bound as ${settings.bindDn}${vendor}; the root DSE names ${dse.namingContexts.length} naming context${dse.namingContexts.length === 1 ? "" : "s"}`,
    namingContexts: dse.namingContexts,
  };
}

async function probeSql(resolved: ResolvedConfig): Promise<ConnectionTestView> {
  // table and anchor belong to later pages: stand-ins let the login settings parse; they are not read.
  const config = sqlConfigSchema.parse({ table: "_", anchor: ["_"], ...resolved.effective });
  const dialect = dialectOf(config);
  const session = await withTimeout("the connection test", dialect.connect(config).catch((e: unknown) => Promise.reject(sqlFailure(dialect, config, e, "cannot connect", "sql-connect-failed"))));
  try {
    // The Table page offers what this login can read (a login without catalog rights sees fewer).
    const tables = await withTimeout("listing the tables", dialect.listTables(session, config.schema)).catch(() => null);
    const where = `${config.dialect}${config.database ? ` database ${config.database}` : config.file ? ` file ${config.file}` : ""}`;
    return {
      ok: true,
      message: tables ? `logged in to ${where}; ${tables.length} table${tables.length === 1 ? "" : "s"} and views listed` : `logged in to ${where}`,
      ...(tables ? { tables: tables.map((t) => ({ schema: t.schema, name: t.name, kind: t.kind })) } : {}),
    };
  } finally {
    await session.close();
  }
}

async function probeFiles(resolved: ResolvedConfig): Promise<ConnectionTestView> {
  const paths = resolved.type.fields.filter((f) => f.kind === "path" && (f.page ?? "connect") === "connect").map((f) => resolved.effective[f.name]).filter((v): v is string => typeof v === "string");
  for (const p of paths) await testFileConnection(p);
  return { ok: true, message: `${paths.length === 1 ? "the file's folder is" : "the files' folders are"} readable` };
}

/** The Connect page's test: the connection settings only (see the file comment). */
export async function probeConnectionWith(resolved: ResolvedConfig): Promise<ConnectionTestView> {
  const { complete, issues } = connectIssues(resolved);
  if (issues.length) return { ok: false, code: "invalid-config", message: scrub(issues.map((i) => `${i.path}: ${i.message}`).join("; "), resolved) };
  try {
    if (resolved.type.type === "ldap") return await probeLdap(resolved);
    if (resolved.type.type === "sql") return await probeSql(resolved);
    if (complete) return await testConnectionWith(resolved);
    return await probeFiles(resolved);
  } catch (e) {
    return failure(e, resolved);
  }
}
