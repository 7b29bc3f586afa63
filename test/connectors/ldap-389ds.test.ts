// The LDAP MA against a real 389 Directory Server (started for this file by test/support/ds389.ts):
// full import anchored on nsUniqueId, and delta imports from the retro changelog (cn=changelog,
// changeNumber watermark) where an add, a modify, a rename and a delete each come out as such, at
// the connector and through the engine into the connector space.
import { Attribute, Change, Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaChange, DeltaImportItem } from "../../lib/engine/types.ts";
import { Scenario } from "../engine/scenario-kit.ts";
import { freshDatabase, type FreshDatabase } from "../support/databases.ts";
import { start389ds, type Ds389 } from "../support/ds389.ts";
import { addEntries, importObjects, personAttrs } from "./ldap-harness.ts";

const NS_UNIQUE_ID = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
const replace = (type: string, values: string[]) => new Change({ operation: "replace", modification: new Attribute({ type, values }) });

describe("LDAP MA on 389 Directory Server (retro changelog)", () => {
  let ds: Ds389;
  let client: Client;
  let n = 0;

  beforeAll(async () => {
    ds = await start389ds();
    client = new Client({ url: ds.url, timeout: 10_000 });
    await client.bind(ds.adminDn, ds.adminPassword);
  }, 240_000);

  afterAll(async () => {
    await client?.unbind().catch(() => undefined);
    await ds?.stop();
  }, 120_000);

  /** A fresh ou under ou=people for one test, with the given people in it. */
  async function sandbox(...uids: string[]): Promise<string> {
    const ou = `ou=t${++n},ou=people,${ds.baseDn}`;
    await client.add(ou, [new Attribute({ type: "objectClass", values: ["top", "organizationalUnit"] }), new Attribute({ type: "ou", values: [`t${n}`] })]);
    await addEntries(client, uids.map((u) => ({ dn: `uid=${u},${ou}`, attrs: personAttrs(u) })));
    return ou;
  }

  function config(baseDn: string): Record<string, unknown> {
    return { url: ds.url, bindDn: ds.adminDn, bindPassword: ds.adminPassword, baseDn, anchor: "nsUniqueId", deltaMethod: "changelog", objectTypes: { inetOrgPerson: "person" } };
  }

  const open = (baseDn: string): Connector => ldapConnectorType.create(ldapConnectorType.configSchema.parse(config(baseDn)));

  async function lastChangeNumber(): Promise<number> {
    const { searchEntries } = await client.search("", { scope: "base", attributes: ["lastChangeNumber"] });
    return Number(searchEntries[0]!.lastChangeNumber);
  }

  /** A delta import whose connector space is `space` (DN -> anchor), as the engine would offer it. */
  async function delta(connector: Connector, watermark: string | null, space: Map<string, string>): Promise<{ items: DeltaImportItem[]; watermark: string | null }> {
    const knownAnchors = async (dns: string[]) => new Map(dns.filter((d) => space.has(d.toLowerCase())).map((d) => [d.toLowerCase(), space.get(d.toLowerCase())!]));
    const d = await connector.deltaImport!(watermark, { knownAnchors, batchSize: 3 });
    const items: DeltaImportItem[] = [];
    for await (const batch of d.changes) items.push(...batch);
    return { items, watermark: d.watermark() };
  }

  it("imports fully with nsUniqueId anchors and reports add, modify, rename and delete from cn=changelog", async () => {
    const ou = await sandbox("alice", "bob", "dave", "erin");
    const connector = open(ou);
    try {
      const start = await connector.currentWatermark!();
      expect(start).toBe(String(await lastChangeNumber()));
      const { objects, errors } = await importObjects(connector);
      expect(errors).toEqual([]);
      expect(objects.map((o) => o.attrs.uid![0]).sort()).toEqual(["alice", "bob", "dave", "erin"]);
      expect(objects.every((o) => NS_UNIQUE_ID.test(o.anchor) && o.objectType === "person")).toBe(true);
      const anchorOf = new Map(objects.map((o) => [o.attrs.uid![0]!, o.anchor]));
      const space = new Map(objects.map((o) => [o.dn.toLowerCase(), o.anchor]));

      await client.add(`uid=carol,${ou}`, personAttrs("carol", { title: ["Clerk"] }) as never);
      await client.modify(`uid=alice,${ou}`, [replace("title", ["Engineer"])]);
      await client.modifyDN(`uid=bob,${ou}`, "uid=robert");
      // Spelled otherwise than the server returns it: still found in the connector space.
      await client.del(`UID=dave, ${ou.replace(/,/g, ", ")}`);
      // Outside the MA's base: not reported.
      await client.add(`uid=zed,ou=groups,${ds.baseDn}`, personAttrs("zed") as never);

      const { items, watermark } = await delta(connector, start, space);
      expect(items.filter((i) => i.kind === "error")).toEqual([]);
      const changes = items as DeltaChange[];
      expect(changes).toHaveLength(4);
      const byAnchor = new Map(changes.map((c) => [c.anchor, c]));

      const carol = changes.find((c) => c.dn === `uid=carol,${ou}`)!;
      expect(carol).toMatchObject({ op: "add", objectType: "person", complete: true });
      expect(carol.anchor).toMatch(NS_UNIQUE_ID);
      expect(carol.attrs!.title).toEqual(["Clerk"]);
      expect(byAnchor.get(anchorOf.get("alice")!)).toMatchObject({ op: "update", dn: `uid=alice,${ou}`, attrs: expect.objectContaining({ title: ["Engineer"] }) });
      // The rename keeps bob's anchor under the new DN: the engine stages a rename, not add + delete.
      expect(byAnchor.get(anchorOf.get("bob")!)).toMatchObject({ op: "update", dn: `uid=robert,${ou}`, attrs: expect.objectContaining({ uid: ["robert"] }) });
      expect(byAnchor.get(anchorOf.get("dave")!)).toMatchObject({ op: "delete" });
      expect(byAnchor.has(anchorOf.get("erin")!)).toBe(false);

      expect(watermark).toBe(String(await lastChangeNumber()));
      expect(Number(watermark)).toBeGreaterThan(Number(start));
      expect((await delta(connector, watermark, space)).items).toEqual([]);
    } finally {
      await connector.close();
    }
  });

  it("keeps a delete apart from a new entry at the same DN, follows a rename to its delete, and reads in windows", async () => {
    const ou = await sandbox("erin", "frank", "gina");
    const connector = ldapConnectorType.create(ldapConnectorType.configSchema.parse({ ...config(ou), pageSize: 2 }));
    try {
      const start = await connector.currentWatermark!();
      const { objects } = await importObjects(connector);
      const anchorOf = new Map(objects.map((o) => [o.attrs.uid![0]!, o.anchor]));
      const space = new Map(objects.map((o) => [o.dn.toLowerCase(), o.anchor]));

      await client.del(`uid=erin,${ou}`);
      await client.add(`uid=erin,${ou}`, personAttrs("erin", { title: ["Second"] }) as never);
      await client.modifyDN(`uid=frank,${ou}`, "uid=franklin");
      await client.del(`uid=franklin,${ou}`);
      // Added and deleted between two imports: nothing to report.
      await client.add(`uid=henk,${ou}`, personAttrs("henk") as never);
      await client.del(`uid=henk,${ou}`);
      await client.modifyDN(`uid=gina,${ou}`, "uid=regina");
      // A multi-valued RDN is read back by its DN.
      await client.add(`cn=Kim Lee+uid=kim,${ou}`, personAttrs("kim", { cn: ["Kim Lee"] }) as never);

      const { items } = await delta(connector, start, space);
      expect(items.filter((i) => i.kind === "error")).toEqual([]);
      const changes = items as DeltaChange[];
      const ops = changes.map((c) => `${c.op} ${c.dn}`);
      expect(ops.sort()).toEqual([`add uid=erin,${ou}`, `delete uid=erin,${ou}`, `delete uid=frank,${ou}`, `update uid=regina,${ou}`, `add cn=Kim Lee+uid=kim,${ou}`].sort());
      expect(changes.find((c) => c.op === "delete" && c.dn === `uid=erin,${ou}`)!.anchor).toBe(anchorOf.get("erin"));
      const newErin = changes.find((c) => c.op === "add" && c.dn === `uid=erin,${ou}`)!;
      expect(newErin.anchor).not.toBe(anchorOf.get("erin"));
      expect(newErin.attrs!.title).toEqual(["Second"]);
      expect(changes.find((c) => c.op === "delete" && c.dn === `uid=frank,${ou}`)!.anchor).toBe(anchorOf.get("frank"));
      expect(changes.find((c) => c.op === "update")!.anchor).toBe(anchorOf.get("gina"));
    } finally {
      await connector.close();
    }
  });

  it("follows moves (newSuperior): within the subtree a rename, out of it a delete, into it an add", async () => {
    const ou = await sandbox("olga", "paul");
    await client.add(`ou=sub,${ou}`, [new Attribute({ type: "objectClass", values: ["top", "organizationalUnit"] }), new Attribute({ type: "ou", values: ["sub"] })]);
    await client.add(`uid=quinn,ou=groups,${ds.baseDn}`, personAttrs("quinn") as never);
    const connector = open(ou);
    try {
      const start = await connector.currentWatermark!();
      const { objects } = await importObjects(connector);
      const anchorOf = new Map(objects.map((o) => [o.attrs.uid![0]!, o.anchor]));
      const space = new Map(objects.map((o) => [o.dn.toLowerCase(), o.anchor]));
      await client.modifyDN(`uid=olga,${ou}`, `uid=olga,ou=sub,${ou}`);
      await client.modifyDN(`uid=paul,${ou}`, `uid=paul,ou=groups,${ds.baseDn}`);
      await client.modifyDN(`uid=quinn,ou=groups,${ds.baseDn}`, `uid=quinn,${ou}`);
      const changes = (await delta(connector, start, space)).items as DeltaChange[];
      expect(changes).toHaveLength(3);
      const byAnchor = new Map(changes.map((c) => [c.anchor, c]));
      expect(byAnchor.get(anchorOf.get("olga")!)).toMatchObject({ op: "update", dn: `uid=olga,ou=sub,${ou}` });
      expect(byAnchor.get(anchorOf.get("paul")!)).toMatchObject({ op: "delete", dn: `uid=paul,${ou}` });
      expect(changes.find((c) => c.dn === `uid=quinn,${ou}`)).toMatchObject({ op: "add", objectType: "person" });
    } finally {
      await connector.close();
    }
  });

  it("says so when the stored watermark is not a changeNumber or was trimmed away", async () => {
    const connector = open(`ou=people,${ds.baseDn}`);
    try {
      await expect(connector.deltaImport!("20261127081500Z")).rejects.toMatchObject({ code: "ldap-changelog-bad-watermark" });
      await expect(connector.deltaImport!(String((await lastChangeNumber()) + 100))).rejects.toMatchObject({ code: "ldap-changelog-reset" });
    } finally {
      await connector.close();
    }
  });

  describe("through the engine", () => {
    let fresh: FreshDatabase;
    let s: Scenario;
    let ou: string;

    beforeAll(async () => {
      fresh = await freshDatabase("sqlite");
      s = new Scenario(fresh.db);
      ou = await sandbox("ann", "ben", "cid", "dan");
      await s.ma({ name: "389", type: "ldap", config: config(ou), rules: {} });
    }, 120_000);

    afterAll(async () => {
      await fresh?.cleanup();
    });

    const csOf = async (dn: string) => (await fresh.db.csObject.findMany({ where: { ma: { name: "389" } } })).find((c) => c.dn.toLowerCase() === dn.toLowerCase());

    it("stages the changelog's add, modify, rename and delete as such in the connector space", async () => {
      // The sync clears the import's pending adds, so the delta's own changes show in pendingImport.
      const full = await s.run("389", "full-import", "full-sync");
      expect(full.status).toBe("success");
      expect(full.steps[0]!.stats["import-add"]).toBe(4);
      const startMark = (await s.store.getMa("389"))!.watermark;
      expect(startMark).toBe(String(await lastChangeNumber()));
      const ben = await csOf(`uid=ben,${ou}`);
      const dan = await csOf(`uid=dan,${ou}`);
      expect(ben!.anchor).toMatch(NS_UNIQUE_ID);

      await client.add(`uid=eve,${ou}`, personAttrs("eve") as never);
      await client.modify(`uid=ann,${ou}`, [replace("title", ["Lead"])]);
      await client.modifyDN(`uid=ben,${ou}`, "uid=benjamin");
      await client.del(`uid=dan,${ou}`);

      const out = await s.run("389", "delta-import");
      expect(out.status).toBe("success");
      expect(out.steps[0]!.stats).toMatchObject({ "import-add": 1, "import-update": 1, "import-rename": 1, "import-delete": 1 });
      const renamed = await csOf(`uid=benjamin,${ou}`);
      expect(renamed).toMatchObject({ id: ben!.id, anchor: ben!.anchor });
      expect(JSON.parse(String(renamed!.pendingImport))).toMatchObject({ op: "rename", previousDn: `uid=ben,${ou}` });
      const gone = await fresh.db.csObject.findUnique({ where: { id: dan!.id } });
      expect(gone).toMatchObject({ deleted: true });
      expect(JSON.parse(String(gone!.pendingImport))).toMatchObject({ op: "delete" });
      const mark = (await s.store.getMa("389"))!.watermark;
      expect(Number(mark)).toBeGreaterThan(Number(startMark));
      expect(mark).toBe(String(await lastChangeNumber()));
    });
  });

  it("finds adds, modifies and renames by modifyTimestamp on 389 DS too", async () => {
    const ou = await sandbox("lea", "max");
    const connector = ldapConnectorType.create(ldapConnectorType.configSchema.parse({ ...config(ou), deltaMethod: "modifyTimestamp" }));
    try {
      const anchorOf = new Map((await importObjects(connector)).objects.map((o) => [o.attrs.uid![0]!, o.anchor]));
      const first = await connector.deltaImport!(await connector.currentWatermark!());
      for await (const _ of first.changes) void _;
      const seen = first.watermark()!;
      await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000) + 50));
      await client.modify(`uid=lea,${ou}`, [replace("title", ["Lead"])]);
      await client.modifyDN(`uid=max,${ou}`, "uid=maxine");
      await client.add(`uid=ned,${ou}`, personAttrs("ned") as never);
      const d = await connector.deltaImport!(seen);
      const changes: DeltaChange[] = [];
      for await (const batch of d.changes) changes.push(...(batch as DeltaChange[]));
      const byAnchor = new Map(changes.map((c) => [c.anchor, c]));
      expect(byAnchor.get(anchorOf.get("lea")!)).toMatchObject({ op: "update", attrs: expect.objectContaining({ title: ["Lead"] }) });
      expect(byAnchor.get(anchorOf.get("max")!)).toMatchObject({ op: "update", dn: `uid=maxine,${ou}` });
      expect(changes.find((c) => c.dn === `uid=ned,${ou}`)).toMatchObject({ op: "add" });
      expect(d.watermark()! > seen).toBe(true);
    } finally {
      await connector.close();
    }
  });

  it("stops a delta import bound as an account that cannot read cn=changelog (389 DS hides it, no error)", async () => {
    const ou = await sandbox();
    await client.add(`uid=reader,${ou}`, personAttrs("reader", { userPassword: ["Reader-Pass-1"] }) as never);
    const reader = new Client({ url: ds.url, timeout: 10_000 });
    try {
      await reader.bind(`uid=reader,${ou}`, "Reader-Pass-1");
      const { searchEntries } = await reader.search("cn=changelog", { scope: "one", filter: "(changeNumber>=1)", attributes: ["changeNumber"] });
      expect(searchEntries).toEqual([]);
      const { searchEntries: mine } = await client.search("cn=changelog", { scope: "one", filter: "(changeNumber=1)", attributes: ["1.1"] });
      expect(mine).toHaveLength(1);
      const connector = ldapConnectorType.create(ldapConnectorType.configSchema.parse({ ...config(ou), bindDn: `uid=reader,${ou}`, bindPassword: "Reader-Pass-1" }));
      try {
        await client.add(`uid=ola,${ou}`, personAttrs("ola") as never);
        const before = String((await lastChangeNumber()) - 1);
        await expect(connector.deltaImport!(before)).rejects.toMatchObject({ code: "ldap-changelog-unreadable" });
      } finally {
        await connector.close();
      }
    } finally {
      await reader.unbind().catch(() => undefined);
    }
  });

  // Last: it reconfigures the server.
  it("takes a delete's anchor from targetUniqueId when the server logs it, without the connector space", async () => {
    await client.modify("cn=Retro Changelog Plugin,cn=plugins,cn=config", [new Change({ operation: "add", modification: new Attribute({ type: "nsslapd-attribute", values: ["nsuniqueid:targetUniqueId"] }) })]);
    await client.unbind();
    await ds.restart();
    client = new Client({ url: ds.url, timeout: 10_000 });
    await client.bind(ds.adminDn, ds.adminPassword);
    const ou = await sandbox("ivy");
    const connector = open(ou);
    try {
      const start = await connector.currentWatermark!();
      const ivy = (await importObjects(connector)).objects[0]!;
      await client.modifyDN(`uid=ivy,${ou}`, "uid=ivana");
      await client.del(`uid=ivana,${ou}`);
      const d = await connector.deltaImport!(start);
      const items: DeltaImportItem[] = [];
      for await (const batch of d.changes) items.push(...batch);
      expect(items).toEqual([{ kind: "change", op: "delete", anchor: ivy.anchor, dn: `uid=ivy,${ou}` }]);
    } finally {
      await connector.close();
    }
  }, 120_000);
});
