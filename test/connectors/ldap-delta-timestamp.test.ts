// The modifyTimestamp delta method on slapd: entries created, modified or renamed since the
// watermark come back complete (a rename as the same anchor under its new DN); a delete is not
// seen by this method (a full import finds it); the watermark is the newest timestamp seen.
import { Attribute, Change } from "ldapts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ldapConnectorType } from "../../lib/connectors/ldap/ldap-connector.ts";
import { secondsStamp, TIMESTAMP_OVERLAP_S } from "../../lib/connectors/ldap/ldap-delta-timestamp.ts";
import type { Connector } from "../../lib/engine/connector.ts";
import type { DeltaChange } from "../../lib/engine/types.ts";
import { addEntries, deltaItems, importObjects, ldapConfig, ldapSandbox, personAttrs } from "./ldap-harness.ts";

const replace = (type: string, values: string[]) => new Change({ operation: "replace", modification: new Attribute({ type, values }) });
/** Waits into the next second: timestamps have whole seconds. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000) + 50));

describe("LDAP delta import by modifyTimestamp (slapd)", () => {
  let box: Awaited<ReturnType<typeof ldapSandbox>>;
  let connector: Connector;

  beforeEach(async () => {
    box = await ldapSandbox();
    await addEntries(box.client, ["alice", "bob", "dave"].map((u) => ({ dn: `uid=${u},${box.dn}`, attrs: personAttrs(u) })));
    connector = ldapConnectorType.create(ldapConnectorType.configSchema.parse(ldapConfig(box.dn, { deltaMethod: "modifyTimestamp" })));
  });

  afterEach(async () => {
    await connector.close();
    await box.close();
  });

  it("reports adds, modifies and renames since the newest timestamp it saw; deletes are left to full imports", async () => {
    const start = await connector.currentWatermark!();
    expect(start).toMatch(/^\d{14}Z$/);
    // Before a full import the watermark is IdSync's clock less the overlap.
    expect(Date.now() - Date.parse(`${start!.slice(0, 4)}-${start!.slice(4, 6)}-${start!.slice(6, 8)}T${start!.slice(8, 10)}:${start!.slice(10, 12)}:${start!.slice(12, 14)}Z`)).toBeGreaterThanOrEqual(TIMESTAMP_OVERLAP_S * 1000 - 1000);
    const anchors = new Map((await importObjects(connector)).objects.map((o) => [o.attrs.uid![0]!, o.anchor]));
    expect(anchors.size).toBe(3);

    // The seeded entries are newer than the start watermark: they come as adds.
    const first = await deltaItems(connector, start);
    expect(first.items.filter((i) => i.kind === "error")).toEqual([]);
    expect((first.items as DeltaChange[]).map((c) => `${c.op} ${c.attrs!.uid![0]}`).sort()).toEqual(["add alice", "add bob", "add dave"]);
    const seen = first.watermark!;
    expect(seen > start!).toBe(true);
    expect(first.items.some((c) => c.kind === "change" && c.attrs && ("modifyTimestamp" in c.attrs || "createTimestamp" in c.attrs))).toBe(false);

    await nextSecond();
    await box.client.add(`uid=carol,${box.dn}`, personAttrs("carol", { title: ["Clerk"] }) as never);
    await box.client.modify(`uid=alice,${box.dn}`, [replace("title", ["Engineer"])]);
    await box.client.modifyDN(`uid=bob,${box.dn}`, `uid=robert,${box.dn}`);
    await box.client.del(`uid=dave,${box.dn}`);

    const second = await deltaItems(connector, seen);
    const changes = second.items as DeltaChange[];
    const byAnchor = new Map(changes.map((c) => [c.anchor, c]));
    expect(changes.find((c) => c.dn === `uid=carol,${box.dn}`)).toMatchObject({ op: "add", complete: true, attrs: expect.objectContaining({ title: ["Clerk"] }) });
    expect(byAnchor.get(anchors.get("alice")!)).toMatchObject({ op: "update", complete: true, dn: `uid=alice,${box.dn}`, attrs: expect.objectContaining({ title: ["Engineer"] }) });
    expect(byAnchor.get(anchors.get("bob")!)).toMatchObject({ op: "update", dn: `uid=robert,${box.dn}` });
    // Not seen by this method: the entry is gone, nothing carries a timestamp.
    expect(byAnchor.has(anchors.get("dave")!)).toBe(false);
    expect(changes.every((c) => c.op !== "delete")).toBe(true);
    expect(second.watermark! > seen).toBe(true);

    // Nothing newer: the watermark stays.
    await nextSecond();
    const third = await deltaItems(connector, second.watermark);
    expect(third.watermark).toBe(second.watermark);
  });

  it("refuses a watermark that is not a generalized time", async () => {
    await expect(connector.deltaImport!("12345")).rejects.toMatchObject({ code: "ldap-timestamp-bad-watermark" });
    expect(secondsStamp("20261127001533.191991Z")).toBe("20261127001533Z");
  });
});
