// A kit for crash-safety tests: a run in a child process (test/support/run-step-child.ts) that the
// test SIGKILLs mid-step, the restart of a single-process server (releaseDeadRuns with a 0 ms
// cutoff), runs to completion in this process, and a snapshot of the whole synchronization state
// (connector spaces, metaverse with its value index, pending exports) with ids replaced by stable
// keys, so that two databases fed the same inputs compare equal.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { expect } from "vitest";
import type { Db } from "../../lib/store/db.ts";
import { createRun, releaseDeadRuns } from "../../lib/store/run-records.ts";
import { executeRun } from "../../lib/services/run-service.ts";
import type { RunOutcome } from "../../lib/engine/run-profile.ts";
import { valueKey } from "../../lib/store/value-key.ts";

const CHILD = path.resolve(import.meta.dirname, "../support/run-step-child.ts");

export interface ChildEvent {
  event: "run" | "progress" | "paused" | "done";
  runId?: string;
  stepType?: string;
  done?: number;
  total?: number | null;
  at?: string;
  status?: string;
}

export interface KilledRun {
  runId: string;
  events: ChildEvent[];
  signal: NodeJS.Signals | null;
}

/**
 * Starts `steps` of `maName` in a child process on `url` and SIGKILLs it at the first event for
 * which `killWhen` is true. Rejects when the child ends on its own (the kill came too late).
 */
export function runAndKill(url: string, maName: string, steps: string[], killWhen: (e: ChildEvent) => boolean, env: Record<string, string> = {}): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, maName, ...steps], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const events: ChildEvent[] = [];
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      let e: ChildEvent;
      try {
        e = JSON.parse(line) as ChildEvent;
      } catch {
        return;
      }
      events.push(e);
      if (!killed && killWhen(e)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      const runId = events.find((e) => e.event === "run")?.runId;
      if (!killed || signal !== "SIGKILL" || !runId) {
        reject(new Error(`the child was not killed mid-step (exit ${code}, signal ${signal}); events: ${JSON.stringify(events.slice(-5))}; stderr: ${stderr.slice(-2000)}`));
      } else resolve({ runId, events, signal });
    });
  });
}

/** What a fresh single-process server does at start; checks the killed run and its open step end as stopped-server. */
export async function restartAndCheck(db: Db, runId: string): Promise<void> {
  const before = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
  expect(before.status).toBe("in-progress");
  const open = before.steps.filter((s) => s.status === "in-progress").map((s) => s.id);
  expect(open).toHaveLength(1);
  expect(await releaseDeadRuns(db, 0)).toBe(1);
  const after = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
  expect(after.status).toBe("stopped-server");
  expect(after.endedAt).not.toBeNull();
  for (const s of after.steps.filter((x) => open.includes(x.id))) expect(s.status).toBe("stopped-server");
  expect(after.steps.some((s) => s.status === "in-progress")).toBe(false);
}

/** Runs `steps` of `maName` to completion in this process, as the services do. */
export async function runToEnd(db: Db, maName: string, steps: string[]): Promise<RunOutcome> {
  const ma = await db.managementAgent.findUniqueOrThrow({ where: { name: maName } });
  const profileName = `crash-${steps.join("+")}`;
  const json = JSON.stringify(steps.map((type) => ({ type })));
  await db.runProfile.upsert({ where: { maId_name: { maId: ma.id, name: profileName } }, create: { maId: ma.id, name: profileName, steps: json }, update: { steps: json } });
  const runId = await createRun(db, { maId: ma.id, maName, profileName, trigger: "cli", startedBy: "crash-test" });
  return executeRun(db, runId);
}

function stripLineage(lineage: Record<string, { maId: string; rule?: string }>, maName: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(lineage).sort()) out[k] = { ma: maName.get(lineage[k].maId), rule: lineage[k].rule };
  return out;
}

/** The synchronization state with ids replaced by stable keys (MA name and anchor or DN). */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const maName = new Map((await db.managementAgent.findMany()).map((m) => [m.id, m.name]));
  const cs = await db.csObject.findMany();
  const csKey = new Map(cs.map((c) => [c.id, `${maName.get(c.maId)}:${c.anchor ?? c.dn}`]));
  const members = new Map<string, string[]>();
  for (const c of cs) if (c.mvId) members.set(c.mvId, [...(members.get(c.mvId) ?? []), csKey.get(c.id)!]);
  const mvKey = (id: string | null) => (id === null ? null : (members.get(id)?.sort().join("+") ?? `orphan`));
  const mvs = await db.mvObject.findMany();
  const mvIds = new Set(mvs.map((m) => m.id));
  const refs = (values: string[]) => values.map((v) => (mvIds.has(v) ? `mv(${mvKey(v)})` : v)).sort();
  const values = await db.mvValue.findMany();
  const pes = await db.pendingExport.findMany();
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    cs: sorted(
      cs.map((c) => ({ key: csKey.get(c.id), dn: c.dn, type: c.objectType, attrs: JSON.parse(c.attrs), state: c.state, mv: mvKey(c.mvId), link: c.linkType, pending: c.pendingImport ? JSON.parse(c.pendingImport) : null, deleted: c.deleted })),
    ),
    mv: sorted(
      mvs.map((m) => {
        const attrs = JSON.parse(m.attrs) as Record<string, string[]>;
        return { key: mvKey(m.id), type: m.objectType, attrs: Object.fromEntries(Object.keys(attrs).sort().map((k) => [k, refs(attrs[k])])), lineage: stripLineage(JSON.parse(m.lineage), maName) };
      }),
    ),
    // the value index must match the values: a half-applied batch would leave it out of step
    mvValues: sorted(values.map((v) => [mvKey(v.mvId), v.attr, refs([v.value])[0], v.valueKey === valueKey(v.value)])),
    pendingExports: sorted(pes.map((p) => ({ cs: csKey.get(p.csId), op: p.op, dn: p.dn, newDn: p.newDn, changes: JSON.parse(p.changes), status: p.status, error: p.error }))),
  };
}

/** Asserts two snapshots are equal, naming the first differences (not a 40,000-row diff). */
export function expectSameState(actual: Record<string, string[]>, expected: Record<string, string[]>): void {
  for (const part of Object.keys(expected)) {
    const a = actual[part];
    const b = expected[part];
    const onlyA = a.filter((x, i) => x !== b[i]).slice(0, 3);
    const onlyB = b.filter((x, i) => x !== a[i]).slice(0, 3);
    expect({ part, count: a.length, differs: onlyA }).toEqual({ part, count: b.length, differs: onlyB });
  }
}
