// A large group end to end on CSV files, shared by test/engine/large-group.test.ts and
// bench/large-group-bench.ts (no vitest here): an HR source with N people and one group holding all
// of them, provisioned into a directory CSV whose member column holds the members' DNs; then one
// member leaves the group and a new hire joins it.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Db } from "../../lib/store/db.ts";
import { GROUP, PERSON, Scenario } from "./scenario-kit.ts";

export const GROUP_NAME = "AllStaff";
export const personId = (i: number) => `E${i}`;
export const personDn = (id: string) => `uid=${id},o=dir`;

export interface LargeGroupFiles {
  hr: string;
  directory: string;
}

export function largeGroupFiles(dir: string): LargeGroupFiles {
  return { hr: path.join(dir, "hr.csv"), directory: path.join(dir, "directory.csv") };
}

/** HR: people E0..E(n-1) (and the extra ids), one group holding `members`. */
export function writeLargeGroupHr(file: string, people: string[], members: string[]): void {
  const out = ["type,id,givenName,sn,member"];
  for (const id of people) out.push(`person,${id},Given${id},Sur${id},`);
  out.push(`group,${GROUP_NAME},,,${members.join("|")}`);
  fs.writeFileSync(file, `${out.join("\n")}\n`);
}

export async function setupLargeGroup(db: Db, files: LargeGroupFiles): Promise<Scenario> {
  const s = new Scenario(db);
  await s.model(PERSON, GROUP);
  await s.ma({
    name: "HR",
    type: "csv",
    config: { path: files.hr, anchor: "id", objectTypeColumn: "type", multiValued: ["member"], referenceColumns: ["member"] },
    rules: {
      joinProjection: [
        { objectType: "person", mvObjectType: "person", project: true },
        { objectType: "group", mvObjectType: "group", project: true },
      ],
      importFlows: [
        { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
        { objectType: "group", mvObjectType: "group", cs: "id", mv: "cn" },
        { objectType: "group", mvObjectType: "group", cs: "member", mv: "member" },
      ],
      deleteMvOnDisconnect: true,
    },
  });
  await s.ma({
    name: "Directory",
    type: "csv",
    config: { path: files.directory, anchor: "uid", objectTypeColumn: "type", dnTemplate: "uid={uid},o=dir", multiValued: ["member"], referenceColumns: ["member"] },
    rules: {
      provisioning: [
        { name: "people", mvObjectType: "person", objectType: "person", dn: "'uid=' & employeeID & ',o=dir'", anchor: "employeeID", initial: { uid: "employeeID" } },
        { name: "groups", mvObjectType: "group", objectType: "group", dn: "'uid=' & cn & ',o=dir'", anchor: "cn", initial: { uid: "cn" } },
      ],
      exportFlows: [
        { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
        { objectType: "group", mvObjectType: "group", mv: "cn", cs: "cn" },
        { objectType: "group", mvObjectType: "group", mv: "member", cs: "member" },
      ],
      deprovision: "delete",
    },
  });
  return s;
}

/** The member DNs of the group row of the directory file. */
export function directoryMembers(file: string): string[] {
  const rows = parse(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return (rows.find((r) => r.uid === GROUP_NAME)?.member ?? "").split("|").filter(Boolean);
}

/** MvValue rows inserted after the row with id `afterId` (value rows the engine wrote). */
export async function valueRowsWrittenSince(db: Db, afterId: number): Promise<number> {
  return db.mvValue.count({ where: { id: { gt: afterId } } });
}

export async function lastValueRowId(db: Db): Promise<number> {
  return (await db.mvValue.aggregate({ _max: { id: true } }))._max.id ?? 0;
}
