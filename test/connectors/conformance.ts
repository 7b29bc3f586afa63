// The conformance suite every connector type runs (csv now; ldap, sql, ldif, ... later): the
// behaviour the engine relies on, checked against a real system the harness sets up. Modelled on
// kysely's one-suite-per-dialect tests. Call runConnectorConformance() from a *.test.ts file.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectivityError, type Connector, type ConnectorType } from "../../lib/engine/connector.ts";
import type { AttrValues, ExportChange, FullImportItem, ImportedObject } from "../../lib/engine/types.ts";

/** What a connector type's test file provides: a real, empty system and how to fill it. */
export interface ConformanceHarness {
  connectorType: ConnectorType<any>;
  /** a raw config (as stored on an MA) pointing at the harness's system. */
  config: unknown;
  /** the object type seeded objects have. */
  objectType: string;
  /** an attribute whose value identifies each seeded object (the anchor column, uid, ...). */
  keyAttribute: string;
  /** a single-valued string attribute (not the key) every seeded object has. */
  singleValuedAttribute: string;
  /** a multi-valued attribute. */
  multiValuedAttribute: string;
  /** replaces the system's content with these objects (each has the three attributes above). */
  seed(objects: AttrValues[]): Promise<void>;
  /** the DN the suite gives an object it exports as an add. */
  dnFor(attrs: AttrValues): string;
  /** a config the schema accepts but that points at nothing (testConnection must throw ConnectivityError). */
  badConfig: unknown;
  /** an export change this system refuses on its own (e.g. an add without an anchor). */
  failingChange(): ExportChange;
  cleanup?(): Promise<void>;
}

/**
 * The harness fields most connector types share: person objects keyed by uid, with displayName and
 * a multi-valued mail, DNs under ou=people,dc=example,dc=com, an add without an anchor as the change
 * the system refuses. Spread it and add the rest: `{ ...PEOPLE, connectorType, config, seed, ... }`.
 */
export const PEOPLE = {
  objectType: "person",
  keyAttribute: "uid",
  singleValuedAttribute: "displayName",
  multiValuedAttribute: "mail",
  dnFor: (attrs: AttrValues): string => `uid=${attrs.uid![0]},ou=people,dc=example,dc=com`,
  failingChange: (): ExportChange => ({ id: "cs-no-anchor", op: "add", objectType: "person", anchor: null, dn: "", changes: {}, attrs: { displayName: ["Nobody"] } }),
} satisfies Partial<ConformanceHarness>;

function person(i: number, h: ConformanceHarness): AttrValues {
  return {
    [h.keyAttribute]: [`user${i}`],
    [h.singleValuedAttribute]: [`Person ${i}`],
    [h.multiValuedAttribute]: [`user${i}@one.example`, `user${i}@two.example`],
  };
}

async function importAll(connector: Connector, batchSize?: number): Promise<{ batches: FullImportItem[][]; objects: ImportedObject[] }> {
  const batches: FullImportItem[][] = [];
  for await (const batch of connector.fullImport(batchSize ? { batchSize } : undefined)) batches.push(batch);
  const items = batches.flat();
  const errors = items.filter((i) => i.kind === "error");
  expect(errors, "the import reported record errors").toEqual([]);
  return { batches, objects: items.flatMap((i) => (i.kind === "object" ? [i.object] : [])) };
}

function byKey(objects: ImportedObject[], h: ConformanceHarness): Map<string, ImportedObject> {
  return new Map(objects.map((o) => [o.attrs[h.keyAttribute]?.[0] ?? "", o]));
}

const sorted = (values: string[] | undefined) => [...(values ?? [])].sort();

/** Registers the conformance tests of one connector type. */
export function runConnectorConformance(name: string, setup: () => Promise<ConformanceHarness>): void {
  describe(`connector conformance: ${name}`, () => {
    let h: ConformanceHarness;
    let connector: Connector;

    beforeEach(async () => {
      h = await setup();
      connector = h.connectorType.create(h.connectorType.configSchema.parse(h.config));
    });

    afterEach(async () => {
      await connector?.close();
      await h?.cleanup?.();
    });

    it("describes itself: type, label, capability flags, designer fields", () => {
      const t = h.connectorType;
      expect(t.type).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(t.label.length).toBeGreaterThan(0);
      for (const flag of ["supportsDelta", "supportsExport", "supportsPassword"] as const) expect(typeof t.capabilities[flag]).toBe("boolean");
      expect(t.fields.length).toBeGreaterThan(0);
      for (const f of t.fields) expect(f.name && f.label && f.kind).toBeTruthy();
      if (t.capabilities.supportsExport) expect(connector.openExport).toBeTypeOf("function");
      if (t.capabilities.supportsDelta) expect(connector.deltaImport).toBeTypeOf("function");
      if (t.capabilities.supportsPassword) expect(connector.setPassword).toBeTypeOf("function");
    });

    it("testConnection succeeds on a good config", async () => {
      await h.seed([person(1, h)]);
      await expect(connector.testConnection()).resolves.toBeUndefined();
    });

    it("testConnection on a bad config throws ConnectivityError", async () => {
      const bad = h.connectorType.create(h.connectorType.configSchema.parse(h.badConfig));
      try {
        await expect(bad.testConnection()).rejects.toBeInstanceOf(ConnectivityError);
      } finally {
        await bad.close();
      }
    });

    it("schema discovery returns the object type, its anchor and its attributes", async () => {
      await h.seed([person(1, h), person(2, h)]);
      const schema = await connector.discoverSchema();
      const type = schema.objectTypes.find((t) => t.name === h.objectType);
      expect(type, `object type ${h.objectType}`).toBeDefined();
      expect(type!.anchor?.length).toBeGreaterThan(0);
      const attr = (n: string) => type!.attributes.find((a) => a.name.toLowerCase() === n.toLowerCase());
      expect(attr(h.keyAttribute)).toBeDefined();
      expect(attr(h.singleValuedAttribute)?.multiValued).toBe(false);
      expect(attr(h.multiValuedAttribute)?.multiValued).toBe(true);
    });

    it("a full import yields every seeded object with its values, in batches", async () => {
      const seeded = [1, 2, 3, 4, 5].map((i) => person(i, h));
      await h.seed(seeded);
      const { batches, objects } = await importAll(connector, 2);
      expect(objects).toHaveLength(5);
      for (const b of batches) expect(b.length).toBeLessThanOrEqual(2);
      const anchors = objects.map((o) => o.anchor);
      expect(new Set(anchors).size).toBe(5);
      for (const o of objects) {
        expect(o.anchor).not.toBe("");
        expect(o.dn).not.toBe("");
        expect(o.objectType).toBe(h.objectType);
      }
      const found = byKey(objects, h);
      for (const s of seeded) {
        const o = found.get(s[h.keyAttribute]![0]!);
        expect(o, `object ${s[h.keyAttribute]![0]}`).toBeDefined();
        expect(o!.attrs[h.singleValuedAttribute]).toEqual(s[h.singleValuedAttribute]);
        expect(sorted(o!.attrs[h.multiValuedAttribute])).toEqual(sorted(s[h.multiValuedAttribute]));
      }
    });

    it("a full import of an empty system yields no objects", async () => {
      await h.seed([]);
      const { objects } = await importAll(connector);
      expect(objects).toEqual([]);
    });

    it("an export of add, update and delete shows in the next full import", async () => {
      // An import-only type has nothing to check here (and the suite has no skipped tests).
      if (!h.connectorType.capabilities.supportsExport) return;
      await h.seed([person(1, h), person(2, h)]);
      const before = byKey((await importAll(connector)).objects, h);
      const one = before.get("user1")!;
      const two = before.get("user2")!;
      const added = person(3, h);
      const session = await connector.openExport!();
      const results = await session.write([
        { id: "cs-add", op: "add", objectType: h.objectType, anchor: null, dn: h.dnFor(added), changes: {}, attrs: added },
        {
          id: "cs-update",
          op: "update",
          objectType: h.objectType,
          anchor: one.anchor,
          dn: one.dn,
          changes: {
            [h.singleValuedAttribute]: { replace: ["Renamed Person"] },
            [h.multiValuedAttribute]: { add: ["user1@three.example"], remove: ["user1@one.example"] },
          },
        },
        { id: "cs-delete", op: "delete", objectType: h.objectType, anchor: two.anchor, dn: two.dn, changes: {} },
      ]);
      await session.commit();
      expect(results.map((r) => [r.id, r.ok])).toEqual([
        ["cs-add", true],
        ["cs-update", true],
        ["cs-delete", true],
      ]);
      expect(results[0]!.anchor, "an add returns the anchor of the new object").toBeTruthy();

      const after = byKey((await importAll(connector)).objects, h);
      expect([...after.keys()].sort()).toEqual(["user1", "user3"]);
      expect(after.get("user3")!.anchor).toBe(results[0]!.anchor);
      expect(after.get("user3")!.attrs[h.singleValuedAttribute]).toEqual(added[h.singleValuedAttribute]);
      expect(sorted(after.get("user3")!.attrs[h.multiValuedAttribute])).toEqual(sorted(added[h.multiValuedAttribute]));
      const updated = after.get("user1")!;
      expect(updated.anchor).toBe(one.anchor);
      expect(updated.attrs[h.singleValuedAttribute]).toEqual(["Renamed Person"]);
      expect(sorted(updated.attrs[h.multiValuedAttribute])).toEqual(["user1@three.example", "user1@two.example"]);
    });

    it("a failed change fails that object only", async () => {
      // An import-only type has nothing to check here (and the suite has no skipped tests).
      if (!h.connectorType.capabilities.supportsExport) return;
      await h.seed([person(1, h)]);
      const good = person(4, h);
      const session = await connector.openExport!();
      const failing = h.failingChange();
      const results = await session.write([
        failing,
        { id: "cs-good", op: "add", objectType: h.objectType, anchor: null, dn: h.dnFor(good), changes: {}, attrs: good },
      ]);
      await session.commit();
      expect(results).toHaveLength(2);
      expect(results[0]).toMatchObject({ id: failing.id, ok: false });
      expect(results[0]!.code).toBeTruthy();
      expect(results[0]!.message).toBeTruthy();
      expect(results[1]).toMatchObject({ id: "cs-good", ok: true });
      const after = byKey((await importAll(connector)).objects, h);
      expect([...after.keys()].sort()).toEqual(["user1", "user4"]);
    });

    it("an aborted export changes nothing", async () => {
      // An import-only type has nothing to check here (and the suite has no skipped tests).
      if (!h.connectorType.capabilities.supportsExport) return;
      await h.seed([person(1, h)]);
      const session = await connector.openExport!();
      const extra = person(5, h);
      await session.write([{ id: "cs-x", op: "add", objectType: h.objectType, anchor: null, dn: h.dnFor(extra), changes: {}, attrs: extra }]);
      await session.abort();
      const after = byKey((await importAll(connector)).objects, h);
      expect([...after.keys()]).toEqual(["user1"]);
    });
  });
}
