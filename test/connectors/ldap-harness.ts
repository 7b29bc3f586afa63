// Helpers shared by the LDAP connector tests: configs pointing at the run's slapd (test/support),
// a private ou per test, seeding entries in parallel batches, and reading the accesslog position.
import { Attribute, type Client } from "ldapts";
import type { LdapConfig } from "../../lib/connectors/ldap/ldap-config.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { AttrValues, DeltaImportItem, FullImportItem, ImportedObject } from "../../lib/engine/types.ts";
import { adminClient, freshLdapOu, testLdap } from "../support/test-ldap.ts";

/** A raw LDAP MA config for the shared slapd, managing `baseDn`. */
export function ldapConfig(baseDn: string, extra: Partial<LdapConfig> = {}): Record<string, unknown> {
  const l = testLdap();
  return { url: l.url, bindDn: l.adminDn, bindPassword: l.adminPassword, baseDn, objectTypes: { inetOrgPerson: "person", groupOfNames: "group" }, ...extra };
}

/** An inetOrgPerson's attributes (objectClass, cn, sn, uid and the given ones). */
export function personAttrs(uid: string, extra: AttrValues = {}): AttrValues {
  return { objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"], uid: [uid], cn: [`Person ${uid}`], sn: [uid], ...extra };
}

/** Adds entries with up to `parallel` adds in flight. */
export async function addEntries(client: Client, entries: { dn: string; attrs: AttrValues }[], parallel = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const e = entries[next++]!;
      await client.add(e.dn, Object.entries(e.attrs).map(([type, values]) => new Attribute({ type, values })));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, entries.length) }, worker));
}

/** Deletes everything below `dn` (not `dn` itself), deepest first, up to `parallel` deletes in flight. */
export async function clearBelow(client: Client, dn: string, parallel = 8): Promise<void> {
  const { searchEntries } = await client.search(dn, { scope: "sub", attributes: ["1.1"] });
  const byDepth = new Map<number, string[]>();
  for (const e of searchEntries) {
    if (e.dn.toLowerCase() === dn.toLowerCase()) continue;
    const depth = e.dn.split(",").length;
    byDepth.set(depth, [...(byDepth.get(depth) ?? []), e.dn]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => b - a)) {
    const dns = byDepth.get(depth)!;
    let next = 0;
    const worker = async () => {
      while (next < dns.length) await client.del(dns[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, dns.length) }, worker));
  }
}

/** A private ou with an admin client; close() unbinds and removes the ou. */
export async function ldapSandbox(): Promise<{ dn: string; client: Client; close(): Promise<void> }> {
  const ou = await freshLdapOu();
  const client = await adminClient();
  return {
    dn: ou.dn,
    client,
    async close() {
      await clearBelow(client, ou.dn).catch(() => undefined);
      await client.unbind().catch(() => undefined);
      await ou.cleanup();
    },
  };
}

/** Every object of a full import (record errors fail the test through the returned list). */
export async function importObjects(connector: Connector, batchSize?: number): Promise<{ objects: ImportedObject[]; errors: FullImportItem[]; batches: number }> {
  const objects: ImportedObject[] = [];
  const errors: FullImportItem[] = [];
  let batches = 0;
  for await (const batch of connector.fullImport(batchSize ? { batchSize } : undefined)) {
    batches += 1;
    for (const item of batch) {
      if (item.kind === "object") objects.push(item.object);
      else errors.push(item);
    }
  }
  return { objects, errors, batches };
}

/** Every item of a delta import and the watermark it ends at. */
export async function deltaItems(connector: Connector, watermark: string | null): Promise<{ items: DeltaImportItem[]; watermark: string | null }> {
  const delta = await connector.deltaImport!(watermark);
  const items: DeltaImportItem[] = [];
  for await (const batch of delta.changes) items.push(...batch);
  return { items, watermark: delta.watermark() };
}
