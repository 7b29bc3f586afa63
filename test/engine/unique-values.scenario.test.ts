// `$unique` in an import flow: account names unique across the metaverse, within one synchronization
// (values handed out earlier in the same batch) and across runs (the metaverse's value index); a
// re-synchronized person keeps the value it was given.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import { hrMa, scenarioWorkspace, type Scenario, type ScenarioWorkspace } from "./scenario-kit.ts";

describe.each(PROVIDERS)("$unique account names on %s", (provider) => {
  let w: ScenarioWorkspace;
  let s: Scenario;
  let file: string;

  beforeAll(async () => {
    w = await scenarioWorkspace(provider, "unique");
    s = w.s;
    file = w.file("hr.csv");
    fs.writeFileSync(file, "id,givenName,sn\nE1,John,Smith\nE2,Jane,Smith\nE3,Jim,Smith\nE4,Ann,Lee\n");
    await s.ma(hrMa(file, [{ objectType: "person", mvObjectType: "person", expression: "$unique($lower($left(givenName, 1) & sn))", mv: "accountName" }]));
  });

  afterAll(() => w?.cleanup());

  const names = async () => {
    const out: Record<string, string | undefined> = {};
    for (const id of ["E1", "E2", "E3", "E4", "E5"]) out[id] = (await s.mvByAttr("person", "employeeID", id))?.attrs.accountName?.[0];
    return out;
  };

  it("hands out jsmith, jsmith2, jsmith3 in one synchronization", async () => {
    const run = await s.run("HR", "full-import", "full-sync");
    expect(run.status).toBe("success");
    expect(await names()).toEqual({ E1: "jsmith", E2: "jsmith2", E3: "jsmith3", E4: "alee", E5: undefined });
  });

  it("checks the metaverse in a later run, and keeps what each person was given", async () => {
    fs.writeFileSync(file, "id,givenName,sn\nE1,John,Smith\nE2,Jane,Smith\nE3,Jim,Smith\nE4,Ann,Lee\nE5,Jack,Smith\n");
    const run = await s.run("HR", "full-import", "full-sync");
    expect(run.status).toBe("success");
    expect(await names()).toEqual({ E1: "jsmith", E2: "jsmith2", E3: "jsmith3", E4: "alee", E5: "jsmith4" });
  });
});
