// A one-member change of a large group costs one member's work: the pending export of the group
// holds one value add and one value remove (not a replace of every member), the metaverse rewrites
// only the changed value rows, and the exported file ends with the right members.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PROVIDERS, type FreshDatabase } from "../support/databases.ts";
import { tempDir, type Scenario } from "./scenario-kit.ts";
import { directoryMembers, GROUP_NAME, largeGroupFiles, lastValueRowId, personDn, personId, setupLargeGroup, valueRowsWrittenSince, writeLargeGroupHr, type LargeGroupFiles } from "./large-group-kit.ts";

const N = 2_000;

describe.each(PROVIDERS)("a %s group of 2,000 members", (provider) => {
  let fresh: FreshDatabase;
  let s: Scenario;
  let dir: string;
  let files: LargeGroupFiles;
  const people = Array.from({ length: N }, (_, i) => personId(i));

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    dir = tempDir("large-group");
    files = largeGroupFiles(dir);
    writeLargeGroupHr(files.hr, people, people);
    s = await setupLargeGroup(fresh.db, files);
    expect((await s.run("HR", "full-import", "full-sync")).status).toBe("success");
    expect((await s.run("Directory", "export", "full-import", "delta-sync")).status).toBe("success");
    expect(await fresh.db.pendingExport.count()).toBe(0);
    expect(directoryMembers(files.directory)).toHaveLength(N);
  }, 240_000);

  afterAll(async () => {
    await fresh?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stages one value add and one value remove for a one-member change, and exports them", async () => {
    const hire = personId(N);
    // E0 leaves the group; a new hire joins HR and the group
    writeLargeGroupHr(files.hr, [...people, hire], [...people.slice(1), hire]);
    const before = await lastValueRowId(fresh.db);
    const sync = await s.run("HR", "full-import", "delta-sync");
    expect(sync.status).toBe("success");
    // the group's member values: one removed, one added (plus the new hire's own attributes)
    expect(await valueRowsWrittenSince(fresh.db, before)).toBeLessThanOrEqual(1 + 3);
    const group = await fresh.db.csObject.findFirstOrThrow({ where: { ma: { name: "Directory" }, anchor: GROUP_NAME } });
    const pe = await fresh.db.pendingExport.findUniqueOrThrow({ where: { csId: group.id } });
    expect(pe.op).toBe("update");
    expect(JSON.parse(pe.changes)).toEqual({ member: { add: [personDn(hire)], remove: [personDn(people[0])] } });

    expect((await s.run("Directory", "export", "full-import", "delta-sync")).status).toBe("success");
    const members = directoryMembers(files.directory);
    expect(members).toHaveLength(N);
    expect(members).toContain(personDn(hire));
    expect(members).not.toContain(personDn(people[0]));
    expect(await fresh.db.pendingExport.count()).toBe(0);
  }, 240_000);
});
