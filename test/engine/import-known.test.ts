// KnownObjects over a real connector space, in both of its forms: identity texts (small connector
// spaces) and their digests (above the text limit): unchanged, changed, new, duplicate, unseen.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnownObjects } from "../../lib/engine/import-known.ts";
import { scenarioWorkspace, type ScenarioWorkspace } from "./scenario-kit.ts";

describe("KnownObjects", () => {
  let w: ScenarioWorkspace;
  let maId: string;

  beforeAll(async () => {
    w = await scenarioWorkspace("sqlite", "known-objects");
    const file = w.file("hr.csv");
    fs.writeFileSync(file, "id,givenName,sn\nE1,Ann,Lee\nE2,Bob,Jones\nE3,Cid,Moe\n");
    maId = await w.s.ma({ name: "HR", type: "csv", config: { path: file, anchor: "id", objectType: "person" }, rules: {} });
    expect((await w.s.run("HR", "full-import")).status).toBe("success");
  });

  afterAll(() => w?.cleanup());

  it.each([
    ["identity texts", 10],
    ["digests", 1],
  ])("compares by %s", async (_form, textLimit) => {
    const known = new KnownObjects(textLimit);
    await known.load(w.s.store, maId, 3);
    const [e1] = await w.s.store.csByAnchors(maId, ["E1"]);
    const same = () => known.identity(e1!.dn, e1!.objectType, JSON.stringify(e1!.attrs));
    expect(same().length > 40).toBe(textLimit === 10); // a digest is short, a text is the whole identity
    expect(known.see("E1", same)).toBe("unchanged");
    expect(known.see("E1", same)).toBe("duplicate");
    expect(known.see("E2", () => known.identity("E2", "person", JSON.stringify({ id: ["E2"], givenName: ["Bob"], sn: ["Smith"] })))).toBe("compare");
    expect(known.see("E9", () => "never asked")).toBe("compare");
    expect(known.isSeen("E3")).toBe(false);
    expect(known.allSeen).toBe(false);
    expect(known.seenCount).toBe(3);
  });
});
