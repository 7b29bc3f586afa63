// idsync CLI: config as code, runs, and inspection of the metaverse and connector spaces.
// Progress goes to stderr; results to stdout (--json for scripts).
// Exit codes: 0 success, 2 completed with errors, 1 stopped or failed.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { isAppError } from "../lib/errors/app-error.ts";
import type { SessionUser } from "../lib/auth/roles.ts";
import { migrate } from "../lib/store/migrate.ts";
import { getDb } from "../lib/store/db.ts";
import { releaseDeadRuns } from "../lib/store/run-records.ts";
import { applyConfig, exportConfig } from "../lib/services/config-as-code.ts";
import { startRun } from "../lib/services/run-service.ts";
import { requestRunStop } from "../lib/services/run-control.ts";
import { searchMetaverse, getMvEntry } from "../lib/services/metaverse-search.ts";
import { showCsEntry, previewCsEntry } from "../lib/services/inspect.ts";
import { isStopped } from "../lib/engine/run-profile.ts";

const CLI_ACTOR: SessionUser = { id: "cli", username: process.env.USER ? `cli:${process.env.USER}` : "cli", displayName: "CLI", role: "admin" };

const USAGE = `usage: idsync <command> [--json]
  config export [--out FILE]      the configuration as YAML (no secrets)
  config apply FILE               validate and apply a YAML configuration (all or nothing)
  run MA PROFILE                  run a run profile; progress on stderr
  stop RUN_ID                     ask a queued or running run to stop between batches
  mv search TYPE ATTR VALUE [--prefix]
  mv show ID
  cs show MA ANCHOR
  preview MA ANCHOR               the sync pipeline for one csentry, written nowhere`;

function out(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + "\n" : text() + "\n");
}

async function main(argv: string[]): Promise<number> {
  const { values: flags, positionals: args } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" }, out: { type: "string" }, prefix: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const json = !!flags.json;
  if (flags.help || args.length === 0) {
    console.error(USAGE);
    return args.length === 0 ? 1 : 0;
  }
  await migrate();
  const db = getDb();
  await releaseDeadRuns(db, 60_000);
  const [cmd, sub, ...rest] = args;
  if (cmd === "config" && sub === "export") {
    const yaml = await exportConfig(CLI_ACTOR, db);
    if (flags.out) fs.writeFileSync(flags.out, yaml);
    else process.stdout.write(yaml);
    return 0;
  }
  if (cmd === "config" && sub === "apply" && rest[0]) {
    const r = await applyConfig(CLI_ACTOR, fs.readFileSync(rest[0], "utf8"), db);
    out(json, r, () => `applied: ${r.objectTypes} metaverse object types, ${r.managementAgents} management agents`);
    return 0;
  }
  if (cmd === "run" && sub && rest[0]) {
    const started = await startRun(CLI_ACTOR, {
      ma: sub,
      profile: rest[0],
      trigger: "cli",
      inline: true,
      onProgress: (p) => process.stderr.write(`\r${p.stepType}: ${p.done}${p.total ? `/${p.total}` : ""} objects, ${p.stats.errors ?? 0} errors   `),
    }, db);
    const outcome = await started.done!;
    process.stderr.write("\n");
    out(json, { runId: started.runId, ...outcome }, () =>
      [
        `run ${started.runId}: ${outcome.status}${outcome.message ? ` (${outcome.message})` : ""}`,
        ...outcome.steps.map((s) => `  ${s.type}: ${s.status}  ${Object.entries(s.stats).map(([k, v]) => `${k}=${v}`).join(" ")}`),
      ].join("\n"),
    );
    return outcome.status === "success" ? 0 : isStopped(outcome.status) ? 1 : 2;
  }
  if (cmd === "stop" && sub) {
    const r = await requestRunStop(CLI_ACTOR, sub, db);
    out(json, r, () => `run ${r.runId}: stop requested by ${r.stopRequestedBy} at ${r.stopRequestedAt} (now ${r.status})`);
    return 0;
  }
  if (cmd === "mv" && sub === "search" && rest.length >= 3) {
    const r = await searchMetaverse(CLI_ACTOR, { objectType: rest[0], attr: rest[1], value: rest[2], match: flags.prefix ? "prefix" : "equals" });
    out(json, r, () => JSON.stringify(r, null, 2));
    return 0;
  }
  if (cmd === "mv" && sub === "show" && rest[0]) {
    const r = await getMvEntry(CLI_ACTOR, rest[0]);
    out(json, r, () => JSON.stringify(r, null, 2));
    return 0;
  }
  if (cmd === "cs" && sub === "show" && rest.length >= 2) {
    const r = await showCsEntry(CLI_ACTOR, rest[0], rest[1], db);
    out(json, r, () => JSON.stringify(r, null, 2));
    return 0;
  }
  if (cmd === "preview" && sub && rest[0]) {
    const r = await previewCsEntry(CLI_ACTOR, sub, rest[0], db);
    out(json, r, () => JSON.stringify(r, null, 2));
    return r.errors.length ? 2 : 0;
  }
  console.error(USAGE);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`idsync: ${isAppError(e) ? e.message : (e as Error).message}`);
    process.exit(1);
  },
);
