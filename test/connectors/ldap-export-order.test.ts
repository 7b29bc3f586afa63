// The export scheduler alone: bounded concurrency, batch order for changes naming the same DN,
// reference-carrying changes after the rest, results in batch order, a failure rejecting the batch.
import { describe, expect, it } from "vitest";
import { ExportScheduler } from "../../lib/connectors/ldap/ldap-export-order.ts";
import type { ExportChange } from "../../lib/engine/types.ts";

const change = (id: string, op: ExportChange["op"], dn: string, extra: Partial<ExportChange> = {}): ExportChange => ({ id, op, objectType: "person", anchor: null, dn, changes: {}, ...extra });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe("LDAP export scheduler", () => {
  it("keeps at most N in flight, serializes one DN, runs reference changes last, answers in batch order", async () => {
    const scheduler = new ExportScheduler(3, (a) => a === "member");
    let inFlight = 0;
    let peak = 0;
    const order: string[] = [];
    const batch = [
      change("group", "add", "cn=g,o=x", { attrs: { member: ["uid=a,o=x"] } }),
      change("del-a", "delete", "uid=A,o=x"),
      change("add-a", "add", "uid=a,o=x"),
      ...Array.from({ length: 6 }, (_, i) => change(`p${i}`, "add", `uid=p${i},o=x`)),
    ];
    const results = await scheduler.run(batch, async (c) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      order.push(c.id);
      inFlight -= 1;
      return { id: c.id, ok: true };
    });
    expect(results.map((r) => r.id)).toEqual(batch.map((c) => c.id));
    expect(peak).toBe(3);
    expect(order.indexOf("del-a")).toBeLessThan(order.indexOf("add-a"));
    expect(order.at(-1)).toBe("group");
  });

  /** Runs `batch` with `concurrency` slots; each change takes a few ms. Returns [id, "start" | "end"] events. */
  async function trace(batch: ExportChange[], concurrency = 8): Promise<string[]> {
    const events: string[] = [];
    await new ExportScheduler(concurrency, () => false).run(batch, async (c) => {
      events.push(`${c.id}>`);
      await tick();
      events.push(`${c.id}<`);
      return { id: c.id, ok: true };
    });
    return events;
  }
  const at = (events: string[], e: string) => events.indexOf(e);

  it("starts a change below a DN only after the earlier change writing that DN ended (add, rename)", async () => {
    const events = await trace([
      change("ou", "add", "ou=d,o=x"),
      change("kid1", "add", "uid=k1,ou=d,o=x"),
      change("deep", "add", "cn=c,uid=k1,ou=d,o=x"),
      change("other", "add", "uid=o,o=x"),
      change("move", "rename", "ou=e,o=x", { newDn: "ou=f,o=x" }),
      change("kid2", "update", "uid=k2,ou=f,o=x"),
    ]);
    expect(at(events, "kid1>")).toBeGreaterThan(at(events, "ou<"));
    expect(at(events, "deep>")).toBeGreaterThan(at(events, "kid1<"));
    expect(at(events, "other>")).toBeLessThan(at(events, "ou<")); // unrelated: in flight meanwhile
    expect(at(events, "kid2>")).toBeGreaterThan(at(events, "move<"));
  });

  it("deletes the entries below a DN before the DN, even when the batch lists the parent first", async () => {
    const events = await trace([
      change("parent", "delete", "ou=d,o=x"),
      change("sibling", "delete", "ou=s,o=x"),
      change("kid1", "delete", "uid=k1,ou=d,o=x"),
      change("grandkid", "delete", "cn=c,uid=k2,ou=d,o=x"),
      change("kid2", "delete", "uid=k2,ou=d,o=x"),
    ]);
    expect(at(events, "parent>")).toBeGreaterThan(Math.max(at(events, "kid1<"), at(events, "kid2<"), at(events, "grandkid<")));
    expect(at(events, "kid2>")).toBeGreaterThan(at(events, "grandkid<"));
    expect(at(events, "sibling>")).toBeLessThan(at(events, "kid1<")); // unrelated: not held back
  });

  it("a thrown error (connection lost) rejects the batch and starts nothing more", async () => {
    const scheduler = new ExportScheduler(1, () => false);
    const started: string[] = [];
    const run = scheduler.run([change("a", "add", "uid=a,o=x"), change("b", "add", "uid=b,o=x"), change("c", "add", "uid=c,o=x")], async (c) => {
      started.push(c.id);
      if (c.id === "a") throw new Error("connection lost");
      return { id: c.id, ok: true };
    });
    await expect(run).rejects.toThrow("connection lost");
    expect(started).toEqual(["a"]);
  });
});
