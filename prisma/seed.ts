// The demo: a Metaverse Designer model (person, group) and two CSV management agents, "HR" (the
// authoritative source of people) and "Directory" (accounts and groups, provisioned from HR).
// Idempotent: nothing happens once any management agent exists. `npm start` calls it on first start.
import fs from "node:fs";
import path from "node:path";
import type { MaRules } from "../lib/engine/rules.ts";
import type { MvObjectTypeDef, StepType } from "../lib/engine/types.ts";
import type { Db } from "../lib/store/db.ts";

export const DEMO_MODEL: MvObjectTypeDef[] = [
  {
    name: "person",
    description: "A person: employee or contractor",
    attributes: [
      attr("uid"), attr("employeeID"), attr("givenName"), attr("sn"), attr("displayName"), attr("mail"),
      attr("title"), attr("department"), attr("manager", "reference"), attr("accountName"),
    ],
  },
  {
    name: "group",
    description: "A security or distribution group",
    attributes: [attr("cn"), attr("displayName"), attr("member", "reference", true), attr("description", "string", false, false)],
  },
];

function attr(name: string, type: "string" | "reference" = "string", multiValued = false, indexed = true) {
  return { name, type, multiValued, indexed, precedence: "ranked" as const };
}

const person = { objectType: "person", mvObjectType: "person" };
const user = { objectType: "user", mvObjectType: "person" };
const group = { objectType: "group", mvObjectType: "group" };

export const HR_RULES: MaRules = {
  joinProjection: [{ ...person, join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }], project: true }],
  importFlows: [
    { ...person, mv: "employeeID", cs: "employeeID", precedence: 10 },
    { ...person, mv: "givenName", cs: "givenName", precedence: 10 },
    { ...person, mv: "sn", cs: "sn", precedence: 10 },
    { ...person, mv: "title", cs: "title", precedence: 10 },
    { ...person, mv: "department", cs: "department", precedence: 10 },
    { ...person, mv: "displayName", expression: 'givenName & " " & sn', precedence: 10 },
    { ...person, mv: "manager", cs: "manager", precedence: 10 },
    { ...person, mv: "accountName", expression: '$lower($normalize(givenName & "." & sn))', precedence: 10 },
  ],
  // HR is authoritative: a person who leaves HR leaves the metaverse.
  deleteMvOnDisconnect: true,
};

export const DIRECTORY_RULES: MaRules = {
  connectorFilters: [{ objectType: "user", condition: '$substring(uid, 0, 4) = "svc-"' }],
  joinProjection: [
    {
      ...user,
      join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }, { mappings: [{ cs: "accountName", mv: "accountName" }] }],
      project: false,
    },
    { ...group, join: [{ mappings: [{ cs: "cn", mv: "cn" }] }], project: true },
  ],
  importFlows: [
    { ...user, mv: "mail", cs: "mail", precedence: 10 },
    { ...user, mv: "uid", cs: "uid", precedence: 10 },
    { ...group, mv: "cn", cs: "cn", precedence: 10 },
    { ...group, mv: "displayName", cs: "displayName", precedence: 10 },
    { ...group, mv: "description", cs: "description", precedence: 10 },
    { ...group, mv: "member", cs: "member", precedence: 10 },
  ],
  exportFlows: [
    { ...user, cs: "displayName", mv: "displayName" },
    { ...user, cs: "employeeID", mv: "employeeID" },
  ],
  provisioning: [
    {
      name: "an account for every HR person",
      mvObjectType: "person",
      condition: "$exists(employeeID)",
      objectType: "user",
      dn: '"uid=" & accountName & ",ou=people,dc=example,dc=com"',
      anchor: "accountName",
      initial: { uid: "accountName", accountName: "accountName", mail: 'accountName & "@example.com"' },
    },
  ],
  deprovision: "disconnector",
};

export const DEMO_RUN_PROFILES: { name: string; steps: { type: StepType }[] }[] = [
  { name: "Full Import", steps: [{ type: "full-import" }] },
  { name: "Full Sync", steps: [{ type: "full-sync" }] },
  { name: "Export", steps: [{ type: "export" }] },
  { name: "Delta Import and Delta Sync", steps: [{ type: "delta-import-delta-sync" }] },
];

export interface SeedOptions {
  /** where the demo CSV files are (default prisma/demo). */
  demoDir?: string;
  /** where they are copied to and read from at run time (default data/demo). */
  dataDir?: string;
}

/** Seeds the demo once; returns false when a management agent already exists. */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<boolean> {
  if ((await db.managementAgent.count()) > 0) return false;
  const demoDir = path.resolve(opts.demoDir ?? "prisma/demo");
  const dataDir = opts.dataDir ?? "data/demo";
  fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  for (const f of ["hr.csv", "directory.csv"]) {
    const target = path.resolve(dataDir, f);
    if (!fs.existsSync(target)) fs.copyFileSync(path.join(demoDir, f), target);
  }

  await db.$transaction(async (tx) => {
    for (const t of DEMO_MODEL) {
      await tx.mvObjectType.upsert({ where: { name: t.name }, create: { name: t.name, description: t.description ?? "" }, update: {} });
      for (const a of t.attributes) {
        await tx.mvAttribute.upsert({
          where: { objectType_name: { objectType: t.name, name: a.name } },
          create: { objectType: t.name, ...a },
          update: {},
        });
      }
    }
    const mas = [
      {
        name: "HR",
        description: "Demo: the HR export (CSV), authoritative for people",
        config: {
          path: `${dataDir}/hr.csv`, anchor: "employeeID", objectType: "person", dnTemplate: "employeeID={employeeID}",
          referenceColumns: ["manager"], delimiter: ",", encoding: "utf8",
        },
        rules: HR_RULES,
      },
      {
        name: "Directory",
        description: "Demo: directory accounts and groups (CSV); accounts are provisioned from HR",
        config: {
          path: `${dataDir}/directory.csv`, anchor: "uid", objectType: "user", objectTypeColumn: "objectType",
          dnTemplate: "uid={uid},ou=people,dc=example,dc=com", multiValued: ["member"], multiValueSeparator: ";",
          referenceColumns: ["member"], delimiter: ",", encoding: "utf8",
        },
        rules: DIRECTORY_RULES,
      },
    ];
    for (const ma of mas) {
      await tx.managementAgent.create({
        data: {
          name: ma.name, type: "csv", description: ma.description,
          config: JSON.stringify(ma.config), rules: JSON.stringify(ma.rules),
          runProfiles: { create: DEMO_RUN_PROFILES.map((p) => ({ name: p.name, steps: JSON.stringify(p.steps) })) },
        },
      });
    }
    await tx.auditEvent.create({ data: { actor: "system", action: "demo.seed", target: "HR, Directory", details: "{}" } });
  });
  return true;
}
