// The idsync CLI as a user runs it: a real process, a real SQLite file, the documented YAML.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../engine/scenario-kit.ts";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

async function idsync(env: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(ROOT, "bin/idsync.mjs"), ...args], { env: { ...process.env, ...env }, cwd: ROOT, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// Each CLI process starts tsx and opens the database (seconds on a loaded CI machine); a test runs several.
describe("idsync CLI", { timeout: 240_000 }, () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let yamlFile: string;

  beforeAll(() => {
    dir = tempDir("cli");
    env = { DATABASE_URL: `file:${path.join(dir, "idsync.db")}`, IDSYNC_SECRET_KEY: "test-key" };
    fs.writeFileSync(path.join(dir, "hr.csv"), "type,id,givenName,sn,title,status,member\nperson,E1,Ann,Lee,Engineer,active,\nperson,E2,Bob,Jones,,active,\nperson,E3,bad\ngroup,Staff,,,,,E1|E2\n");
    yamlFile = path.join(dir, "idsync.yaml");
    fs.writeFileSync(yamlFile, fs.readFileSync(path.join(ROOT, "docs/examples/idsync.yaml"), "utf8").replaceAll("data/demo/", `${dir}/`));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("applies the documented example configuration", async () => {
    const r = await idsync(env, "config", "apply", yamlFile, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ objectTypes: 2, managementAgents: 2 });
  });

  it("refuses an invalid configuration, naming the place, and changes nothing", async () => {
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, fs.readFileSync(yamlFile, "utf8").replace("givenName & ' ' & sn", "givenName & & sn").replace("name: Directory", "name: Directory2"));
    const r = await idsync(env, "config", "apply", bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("managementAgents[0] (HR).rules.importFlows[5].expression");
    const exported = await idsync(env, "config", "export");
    expect(exported.stdout).not.toContain("Directory2");
  });

  it("runs a profile: progress on stderr, statistics on stdout, exit 2 when an object failed", async () => {
    const r = await idsync(env, "run", "HR", "Full Import", "--json");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("full-import:");
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe("completed-warnings");
    expect(out.steps[0].stats).toMatchObject({ "import-add": 3, errors: 1 });
    const sync = await idsync(env, "run", "HR", "Full Sync");
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain("projections=3");
    // A run that ended has nothing to stop; an unknown one is named.
    const ended = await idsync(env, "stop", out.runId);
    expect(ended.code).toBe(1);
    expect(ended.stderr.trim()).toMatch(/^idsync: the run HR \/ Full Import already ended \(completed-warnings\)/);
    const unknown = await idsync(env, "stop", "nope");
    expect(unknown.stderr.trim()).toBe("idsync: no run with id nope");
  });

  it("searches and shows the metaverse and a csentry, and previews one", async () => {
    const search = await idsync(env, "mv", "search", "person", "employeeID", "E1", "--json");
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout);
    const id = JSON.stringify(found).match(/"id":"([0-9a-f-]{36})"/)?.[1];
    expect(id).toBeTruthy();
    const show = await idsync(env, "mv", "show", id!, "--json");
    expect(show.stdout).toContain("Ann Lee");
    const cs = JSON.parse((await idsync(env, "cs", "show", "HR", "E1", "--json")).stdout);
    expect(cs).toMatchObject({ anchor: "E1", state: "connector" });
    const preview = JSON.parse((await idsync(env, "preview", "HR", "E2", "--json")).stdout);
    expect(preview.mvAfter.attrs.displayName).toEqual(["Bob Jones"]);
  });

  it("exits 1 with one clear line for an unknown MA or a bad DATABASE_URL", async () => {
    const r = await idsync(env, "run", "Nope", "Full Import");
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('idsync: no management agent named "Nope"');
    const bad = await idsync({ DATABASE_URL: "mysql://x" }, "config", "export");
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
