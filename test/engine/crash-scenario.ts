// The identities of the crash-safety tests: an HR CSV of N people projected into the metaverse and
// provisioned into a directory CSV (one file per database, so two databases never share output).
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../lib/store/db.ts";
import { GROUP, PERSON, Scenario } from "./scenario-kit.ts";

export const CRASH_ROWS = 20_000;

export function writeHr(file: string, n = CRASH_ROWS, titleOf: (i: number) => string = () => "Engineer"): void {
  const lines = ["id,givenName,sn,title"];
  for (let i = 0; i < n; i++) lines.push(`E${String(i).padStart(6, "0")},Given${i},Sur${i},${titleOf(i)}`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
}

/** The model and the two MAs on `db`; the directory MA writes `out`. */
export async function setupCrashScenario(db: Db, hr: string, out: string): Promise<void> {
  const s = new Scenario(db);
  await s.model(PERSON, GROUP);
  await s.ma({
    name: "HR",
    type: "csv",
    config: { path: hr, anchor: "id" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", project: true }],
      importFlows: [
        { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" },
        { objectType: "person", mvObjectType: "person", cs: "givenName", mv: "givenName" },
        { objectType: "person", mvObjectType: "person", cs: "sn", mv: "sn" },
        { objectType: "person", mvObjectType: "person", cs: "title", mv: "title" },
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName" },
      ],
      deleteMvOnDisconnect: true,
    },
  });
  await s.ma({
    name: "Directory",
    type: "csv",
    config: { path: out, anchor: "uid" },
    rules: {
      provisioning: [{ name: "people", mvObjectType: "person", objectType: "person", dn: "employeeID", anchor: "employeeID", initial: { uid: "employeeID" } }],
      exportFlows: [
        { objectType: "person", mvObjectType: "person", mv: "displayName", cs: "cn" },
        { objectType: "person", mvObjectType: "person", mv: "title", cs: "title" },
      ],
      deprovision: "delete",
    },
  });
}

/** The exported file as a sorted list of rows keyed by header (row order is not part of the state). */
export function fileRows(file: string): string[] {
  const [header, ...rows] = fs.readFileSync(file, "utf8").trim().split("\n");
  const cols = header.split(",");
  return rows.map((r) => JSON.stringify(Object.fromEntries(r.split(",").map((v, i) => [cols[i], v]).sort()))).sort();
}

export function outFile(dir: string, name: string): string {
  return path.join(dir, `${name}.csv`);
}
