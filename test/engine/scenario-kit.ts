// A small kit for engine scenario tests: a fresh database, the person/group metaverse model,
// MAs from plain objects, and runs through the same runProfile the services use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../lib/store/db.ts";
import { SqlSyncStore } from "../../lib/store/sync-store.ts";
import { upsertMa, upsertObjectType, type MaConfigInput } from "../../lib/store/config-records.ts";
import { runProfile, type RunOutcome, type RunRequest } from "../../lib/engine/run-profile.ts";
import { registryConnectorFactory } from "../../lib/connectors/registry.ts";
import type { MvObjectTypeDef, StepType } from "../../lib/engine/types.ts";
import type { ImportFlowRule } from "../../lib/engine/rules.ts";
import { freshDatabase, type FreshDatabase, type Provider } from "../support/databases.ts";

const attr = (name: string, extra: Partial<MvObjectTypeDef["attributes"][number]> = {}) => ({
  name,
  type: "string" as const,
  multiValued: false,
  indexed: true,
  precedence: "ranked" as const,
  ...extra,
});

export const PERSON: MvObjectTypeDef = {
  name: "person",
  attributes: ["employeeID", "givenName", "sn", "displayName", "title", "status", "accountName", "mail", "badgeId"].map((n) => attr(n)).concat([attr("manager", { type: "reference" })]),
};
export const GROUP: MvObjectTypeDef = {
  name: "group",
  attributes: [attr("cn"), attr("member", { type: "reference", multiValued: true })],
};

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `idsync-${prefix}-`));
}

export class Scenario {
  readonly store: SqlSyncStore;
  constructor(readonly db: Db) {
    this.store = SqlSyncStore.create(db);
  }

  async model(...types: MvObjectTypeDef[]): Promise<void> {
    for (const t of types) await upsertObjectType(this.db, t);
  }

  async ma(input: MaConfigInput): Promise<string> {
    return upsertMa(this.db, input);
  }

  /** Runs the given steps as one run of `maName` and returns the outcome. */
  async run(maName: string, ...steps: StepType[]): Promise<RunOutcome> {
    return this.runWith(maName, steps);
  }

  /** Like run, with more of the run request (e.g. shouldStop). */
  async runWith(maName: string, steps: StepType[], extra: Pick<RunRequest, "shouldStop" | "approveDeletes"> = {}): Promise<RunOutcome> {
    const ma = await this.store.getMa(maName);
    if (!ma) throw new Error(`no MA ${maName}`);
    const run = await this.db.run.create({ data: { maId: ma.id, profileName: steps.join("+"), trigger: "cli", startedBy: "test", status: "in-progress" } });
    const outcome = await runProfile(this.store, registryConnectorFactory, { runId: run.id, ma, steps: steps.map((type) => ({ type })), ...extra });
    await this.db.run.update({ where: { id: run.id }, data: { status: outcome.status, endedAt: new Date() } });
    return outcome;
  }

  async mvByAttr(objectType: string, name: string, value: string) {
    const found = await this.store.mvFindByValues(objectType, name, [value], true);
    if (found.length !== 1) return undefined;
    return (await this.store.mvByIds([found[0].mvId]))[0];
  }

  async errors(stepId: string) {
    return this.db.runError.findMany({ where: { stepId } });
  }
}

/** A fresh database with the person model, a Scenario over it and a temp folder for the MAs' files. */
export interface ScenarioWorkspace {
  fresh: FreshDatabase;
  s: Scenario;
  dir: string;
  /** a path in the temp folder. */
  file(name: string): string;
  /** drops the database and the folder. */
  cleanup(): Promise<void>;
}

export async function scenarioWorkspace(provider: Provider, label: string): Promise<ScenarioWorkspace> {
  const fresh = await freshDatabase(provider);
  const s = new Scenario(fresh.db);
  const dir = tempDir(label);
  await s.model(PERSON);
  return {
    fresh,
    s,
    dir,
    file: (name) => path.join(dir, name),
    async cleanup() {
      await fresh.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The HR CSV MA of most scenarios: people anchored on id, joined on employeeID or projected, with `extraFlows`. */
export function hrMa(file: string, extraFlows: ImportFlowRule[] = []): MaConfigInput {
  return {
    name: "HR",
    type: "csv",
    config: { path: file, anchor: "id", objectType: "person" },
    rules: {
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "id", mv: "employeeID" }] }], project: true }],
      importFlows: [{ objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID" }, ...extraFlows],
    },
  };
}
