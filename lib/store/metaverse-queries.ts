// Read model (and the small Designer writes) of the metaverse: object types, attributes, search, mventries.
import type { AttrValues } from "../engine/types.ts";
import type { MvEntryDetail, MvObjectTypeView, MvSearchResult } from "../dto/metaverse.ts";
import { getDb, type Db, type Tx } from "./db.ts";
import { iso, parseJsonObject } from "./json-field.ts";
import { valueKey } from "./value-key.ts";

export async function selectObjectTypes(db: Db | Tx = getDb()): Promise<MvObjectTypeView[]> {
  const [types, counts] = await Promise.all([
    db.mvObjectType.findMany({ orderBy: { name: "asc" }, include: { attributes: { orderBy: { name: "asc" } } } }),
    db.mvObject.groupBy({ by: ["objectType"], _count: { _all: true } }),
  ]);
  return types.map((t) => ({
    name: t.name,
    description: t.description,
    objectCount: counts.find((c) => c.objectType === t.name)?._count._all ?? 0,
    attributes: t.attributes.map((a) => ({
      name: a.name, type: a.type, multiValued: a.multiValued, indexed: a.indexed, precedence: a.precedence,
    })),
  }));
}

export async function objectTypeExists(name: string, db: Db | Tx = getDb()): Promise<boolean> {
  return (await db.mvObjectType.count({ where: { name } })) > 0;
}

export async function attributeExists(objectType: string, name: string, db: Db | Tx = getDb()): Promise<boolean> {
  return (await db.mvAttribute.count({ where: { objectType, name } })) > 0;
}

export async function insertObjectType(input: { name: string; description: string }, db: Db | Tx = getDb()): Promise<void> {
  await db.mvObjectType.create({ data: input });
}

export async function insertAttribute(
  input: { objectType: string; name: string; type: string; multiValued: boolean; indexed: boolean; precedence: string },
  db: Db | Tx = getDb(),
): Promise<void> {
  await db.mvAttribute.create({ data: input });
}

const SUMMARY_ATTRS = ["displayName", "cn", "accountName", "mail", "employeeID", "uid", "title", "department"];

/** The name an mventry is shown by: the first of a few naming attributes it has, else its id. */
export function displayNameOf(attrs: AttrValues, id: string): string {
  for (const a of ["displayName", "cn", "accountName", "mail", "uid"]) if (attrs[a]?.[0]) return attrs[a][0];
  return id;
}

/** mventries of `objectType` with a value of `attr` equal to (or starting with) `value`, case-insensitive. */
export async function searchMvEntries(
  q: { objectType: string; attr: string; value: string; match: "equals" | "prefix"; limit: number },
  db: Db | Tx = getDb(),
): Promise<MvSearchResult> {
  const key = valueKey(q.value);
  // valueKey is truncated, so equality on the key can match longer values: confirm on the real value below.
  const where = {
    attr: q.attr,
    valueKey: q.match === "equals" ? key : { startsWith: key },
    mv: { objectType: q.objectType },
  };
  const valueRows = await db.mvValue.findMany({
    where,
    select: { mvId: true, value: true },
    orderBy: { valueKey: "asc" },
    take: q.limit * 4 + 1,
  });
  const wanted = q.value.trim().toLowerCase();
  const ids: string[] = [];
  for (const r of valueRows) {
    if (q.match === "equals" && r.value.trim().toLowerCase() !== wanted) continue;
    if (!ids.includes(r.mvId)) ids.push(r.mvId);
  }
  const truncated = ids.length > q.limit || valueRows.length > q.limit * 4;
  const page = ids.slice(0, q.limit);
  const rows = await db.mvObject.findMany({ where: { id: { in: page } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    truncated,
    hits: page.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const attrs = parseJsonObject<AttrValues>(r.attrs, {});
      const summary: Record<string, string> = {};
      for (const a of SUMMARY_ATTRS) if (attrs[a]?.length) summary[a] = attrs[a].join("; ");
      return [{ id: r.id, objectType: r.objectType, displayName: displayNameOf(attrs, r.id), summary, updatedAt: r.updatedAt.toISOString() }];
    }),
  };
}

export async function selectMvEntry(id: string, db: Db | Tx = getDb()): Promise<MvEntryDetail | null> {
  const r = await db.mvObject.findUnique({
    where: { id },
    include: { csObjects: { include: { ma: { select: { name: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!r) return null;
  return {
    id: r.id,
    objectType: r.objectType,
    attrs: parseJsonObject<AttrValues>(r.attrs, {}),
    lineage: parseJsonObject(r.lineage, {}),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    connectors: r.csObjects.map((c) => ({
      csId: c.id, maId: c.maId, maName: c.ma.name, dn: c.dn, anchor: c.anchor, objectType: c.objectType,
      state: c.state, linkType: c.linkType, linkedAt: iso(c.linkedAt),
    })),
  };
}
