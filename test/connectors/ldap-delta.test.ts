// LDAP delta import from slapd's accesslog: adds, modifies, modrdns (a move to another parent)
// and deletes since the watermark, each reported once with the entry's current state; entries
// leaving the scope are deletes; changes elsewhere in the directory are not reported.
import { Attribute, Change } from "ldapts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { applyLogPage } from "../../lib/connectors/ldap/ldap-delta-apply.ts";
import { LdapScope } from "../../lib/connectors/ldap/ldap-scope.ts";
import { ConnectivityError, type Connector } from "../../lib/engine/connector.ts";
import type { DeltaChange } from "../../lib/engine/types.ts";
import { addEntries, deltaItems, importObjects, ldapConfig, ldapSandbox, personAttrs } from "./ldap-harness.ts";

const open = (config: Record<string, unknown>): Connector => ldapConnectorType.create(ldapConnectorType.configSchema.parse(config));
const replace = (type: string, values: string[]) => new Change({ operation: "replace", modification: new Attribute({ type, values }) });
const addValue = (type: string, values: string[]) => new Change({ operation: "add", modification: new Attribute({ type, values }) });

describe("LDAP delta import (accesslog)", () => {
  let box: Awaited<ReturnType<typeof ldapSandbox>>;
  let people: string;
  let connector: Connector;

  beforeEach(async () => {
    box = await ldapSandbox();
    people = `ou=people,${box.dn}`;
    await addEntries(box.client, [
      { dn: people, attrs: { objectClass: ["organizationalUnit"], ou: ["people"] } },
      { dn: `ou=moved,${people}`, attrs: { objectClass: ["organizationalUnit"], ou: ["moved"] } },
      { dn: `ou=elsewhere,${box.dn}`, attrs: { objectClass: ["organizationalUnit"], ou: ["elsewhere"] } },
    ]);
    await addEntries(box.client, ["alice", "bob", "dave", "erin"].map((u) => ({ dn: `uid=${u},${people}`, attrs: personAttrs(u, { mail: [`${u}@example.com`] }) })));
    connector = open(ldapConfig(people));
  });

  afterEach(async () => {
    await connector.close();
    await box.close();
  });

  it("reports add, modify, modrdn and delete since the watermark taken before the full import", async () => {
    const start = await connector.currentWatermark!();
    expect(start).toMatch(/^\d{14}\.\d{6}Z$/);
    const before = new Map((await importObjects(connector)).objects.map((o) => [o.attrs.uid![0]!, o]));
    expect(before.size).toBe(4);

    await box.client.add(`uid=carol,${people}`, personAttrs("carol", { displayName: ["Carol C"] }) as never);
    await box.client.modify(`uid=alice,${people}`, [replace("displayName", ["Alice A"]), addValue("mail", ["alice@two.example"])]);
    await box.client.modify(`uid=alice,${people}`, [replace("title", ["Engineer"])]);
    await box.client.modifyDN(`uid=bob,${people}`, `uid=robert,ou=moved,${people}`);
    await box.client.del(`uid=dave,${people}`);
    await box.client.add(`uid=zed,ou=elsewhere,${box.dn}`, personAttrs("zed") as never);

    const { items, watermark } = await deltaItems(connector, start);
    expect(items.filter((i) => i.kind === "error")).toEqual([]);
    const changes = items as DeltaChange[];
    const byAnchor = new Map(changes.map((c) => [c.anchor, c]));
    expect(changes).toHaveLength(4);

    const carol = changes.find((c) => c.dn === `uid=carol,${people}`)!;
    expect(carol).toMatchObject({ op: "add", objectType: "person", complete: true });
    expect(carol.attrs!.displayName).toEqual(["Carol C"]);
    expect(carol.anchor).toMatch(/^[0-9a-f-]{36}$/);

    const alice = byAnchor.get(before.get("alice")!.anchor)!;
    expect(alice).toMatchObject({ op: "update", complete: true, dn: `uid=alice,${people}` });
    expect(alice.attrs!.displayName).toEqual(["Alice A"]);
    expect(alice.attrs!.title).toEqual(["Engineer"]);
    expect(alice.attrs!.mail!.sort()).toEqual(["alice@example.com", "alice@two.example"]);

    const bob = byAnchor.get(before.get("bob")!.anchor)!;
    expect(bob).toMatchObject({ op: "update", complete: true, dn: `uid=robert,ou=moved,${people}` });
    expect(bob.attrs!.uid).toEqual(["robert"]);

    expect(byAnchor.get(before.get("dave")!.anchor)).toMatchObject({ op: "delete" });
    expect(byAnchor.has(before.get("erin")!.anchor)).toBe(false);

    expect(watermark! > start!).toBe(true);
    expect((await deltaItems(connector, watermark)).items).toEqual([]);
  });

  it("reports an entry moved out of the MA's subtree as deleted, and one moved in as added", async () => {
    const start = await connector.currentWatermark!();
    const erin = (await importObjects(connector)).objects.find((o) => o.attrs.uid?.[0] === "erin")!;
    await box.client.modifyDN(`uid=erin,${people}`, `uid=erin,ou=elsewhere,${box.dn}`);
    await box.client.add(`uid=frank,ou=elsewhere,${box.dn}`, personAttrs("frank") as never);
    await box.client.modifyDN(`uid=frank,ou=elsewhere,${box.dn}`, `uid=frank,${people}`);
    const { items } = await deltaItems(connector, start);
    expect(items).toHaveLength(2);
    expect(items).toContainEqual(expect.objectContaining({ op: "delete", anchor: erin.anchor }));
    expect(items).toContainEqual(expect.objectContaining({ op: "add", dn: `uid=frank,${people}`, complete: true }));
  });

  it("a delta import from no watermark reads the whole log, and ends with a watermark", async () => {
    const { items, watermark } = await deltaItems(connector, null);
    const uids = (items as DeltaChange[]).filter((c) => c.op !== "delete").map((c) => c.attrs!.uid![0]).sort();
    expect(uids).toEqual(["alice", "bob", "dave", "erin"]);
    expect(watermark).toMatch(/^\d{14}\.\d{6}Z$/);
  });

  it("records without reqEntryUUID (older servers) are followed by DN; a delete takes its anchor from reqOld", async () => {
    const scope = new LdapScope(ldapConnectorType.configSchema.parse(ldapConfig(people, { anchor: "uid" })));
    await box.client.modifyDN(`uid=bob,${people}`, `uid=robert,${people}`);
    const records: Record<string, string[]>[] = [
      { reqType: ["modify"], reqDN: [`uid=alice,${people}`], reqEnd: ["20260101000000.000001Z"] },
      { reqType: ["modrdn"], reqDN: [`uid=bob,${people}`], reqNewDN: [`uid=robert,${people}`], reqEnd: ["20260101000000.000002Z"] },
      { reqType: ["delete"], reqDN: [`uid=dave,${people}`], reqOld: ["objectClass: inetOrgPerson", "uid: dave"], reqEnd: ["20260101000000.000003Z"] },
      { reqType: ["delete"], reqDN: [`uid=erin,${people}`], reqEnd: ["20260101000000.000004Z"] },
      { reqType: ["modify"], reqDN: [`uid=zed,ou=elsewhere,${box.dn}`], reqEnd: ["20260101000000.000005Z"] },
    ];
    const items = await applyLogPage(box.client, scope, records);
    expect(items).toEqual([
      expect.objectContaining({ op: "update", anchor: "alice", dn: `uid=alice,${people}`, complete: true }),
      expect.objectContaining({ op: "update", anchor: "robert", dn: `uid=robert,${people}` }),
      { kind: "change", op: "delete", anchor: "dave", dn: `uid=dave,${people}` },
      expect.objectContaining({ kind: "error", code: "ldap-delta-delete-without-anchor", dn: `uid=erin,${people}` }),
    ]);
    expect((items[0] as DeltaChange).attrs!.entryUUID).toBeUndefined();
  });

  it("an account that cannot read the accesslog: full imports work, delta imports say why", async () => {
    await box.client.add(`uid=reader,${box.dn}`, personAttrs("reader", { userPassword: ["Reader-pw-1"] }) as never);
    const reader = open(ldapConfig(people, { bindDn: `uid=reader,${box.dn}`, bindPassword: "Reader-pw-1" }));
    try {
      expect(await reader.currentWatermark!()).toBeNull();
      expect((await importObjects(reader)).objects).toHaveLength(4);
      const error = await reader.deltaImport!("20260101000000.000000Z").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectivityError);
      expect(error).toMatchObject({ code: "ldap-no-accesslog", message: expect.stringMatching(/cn=accesslog cannot be read as uid=reader/) });
    } finally {
      await reader.close();
    }
  });
});
