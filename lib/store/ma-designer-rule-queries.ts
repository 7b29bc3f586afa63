// Reads behind the MA Designer's rule pages: every MA's import flows (precedence across MAs), the
// precedence modes of the metaverse attributes, and one sample csentry / mventry for expression previews.
import type { ImportFlowRule } from "../engine/rules.ts";
import type { AttrValues } from "../engine/types.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { parseJsonObject } from "./json-field.ts";

export interface StoredImportFlows {
  maId: string;
  maName: string;
  importFlows: ImportFlowRule[];
}

/** The import flows of every MA as stored (a malformed rules document reads as no flows). */
export async function selectImportFlowsOfMas(db: Db | Tx = getDb()): Promise<StoredImportFlows[]> {
  const rows = await db.managementAgent.findMany({ select: { id: true, name: true, rules: true }, orderBy: { name: "asc" } });
  return rows.map((r) => {
    const flows = parseJsonObject<{ importFlows?: unknown }>(r.rules, {}).importFlows;
    return { maId: r.id, maName: r.name, importFlows: Array.isArray(flows) ? (flows as ImportFlowRule[]) : [] };
  });
}

/** `${objectType}\0${attr}` -> precedence mode (ranked, equal, manual) of every metaverse attribute. */
export async function selectMvPrecedenceModes(db: Db | Tx = getDb()): Promise<Map<string, string>> {
  const rows = await db.mvAttribute.findMany({ select: { objectType: true, name: true, precedence: true } });
  return new Map(rows.map((r) => [`${r.objectType}\0${r.name}`, r.precedence]));
}

/** Names of the multi-valued attributes of a metaverse object type. */
export async function selectMvMultiValued(objectType: string, db: Db | Tx = getDb()): Promise<Set<string>> {
  const rows = await db.mvAttribute.findMany({ where: { objectType, multiValued: true }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}

export interface SampleCsEntry {
  dn: string;
  anchor: string | null;
  objectType: string;
  attrs: AttrValues;
}

/** The first csentry (in id order) of an object type in an MA's connector space, deleted ones left out. */
export async function selectSampleCsEntry(maId: string, objectType: string, db: Db | Tx = getDb()): Promise<SampleCsEntry | null> {
  const r = await db.csObject.findFirst({ where: { maId, objectType, deleted: false }, orderBy: { id: "asc" }, select: { dn: true, anchor: true, objectType: true, attrs: true } });
  return r ? { dn: r.dn, anchor: r.anchor, objectType: r.objectType, attrs: parseJsonObject<AttrValues>(r.attrs, {}) } : null;
}

export interface SampleMvEntry {
  id: string;
  objectType: string;
  attrs: AttrValues;
}

/** The first mventry (in id order) of a metaverse object type. */
export async function selectSampleMvEntry(objectType: string, db: Db | Tx = getDb()): Promise<SampleMvEntry | null> {
  const r = await db.mvObject.findFirst({ where: { objectType }, orderBy: { id: "asc" }, select: { id: true, objectType: true, attrs: true } });
  return r ? { id: r.id, objectType: r.objectType, attrs: parseJsonObject<AttrValues>(r.attrs, {}) } : null;
}
