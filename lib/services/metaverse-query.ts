// Metaverse Search query builder (helpdesk, read-only): clauses on one object type's attributes,
// combined with and / or, one keyset page at a time, with the columns the user chose.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { AttrValues } from "../engine/types.ts";
import type { MvQueryPage } from "../dto/metaverse.ts";
import { AppError } from "../errors/app-error.ts";
import type { MvQuery } from "../schemas/mv-query.ts";
import { getDb, type Db } from "../store/db.ts";
import { parseJsonObject } from "../store/json-field.ts";
import { displayNameOf, objectTypeExists } from "../store/metaverse-queries.ts";
import { selectMvObjectsInOrder, selectMvQueryIds } from "../store/mv-query-queries.ts";

/** Shown when no column was chosen: the attributes searched on, then these identifying ones the type has. */
const DEFAULT_COLUMNS = ["accountName", "mail", "employeeID", "title", "department", "cn"];
const DEFAULT_COLUMN_COUNT = 4;

/** Rejects an object type or attribute the model does not have, naming it (and where it was used). */
async function attributesOf(query: MvQuery, db: Db): Promise<string[]> {
  const rows = await db.mvAttribute.findMany({ where: { objectType: query.objectType }, select: { name: true }, orderBy: { name: "asc" } });
  if (rows.length === 0 && !(await objectTypeExists(query.objectType, db))) {
    throw new AppError("INVALID_INPUT", `unknown object type "${query.objectType}"`, {
      details: { fieldErrors: { objectType: [`unknown object type "${query.objectType}"`] } },
    });
  }
  const known = new Set(rows.map((r) => r.name));
  const fieldErrors: Record<string, string[]> = {};
  query.clauses.forEach((c, i) => {
    if (!known.has(c.attr)) fieldErrors[`clauses.${i}.attr`] = [`unknown attribute "${c.attr}" of ${query.objectType}`];
  });
  query.columns.forEach((c, i) => {
    if (!known.has(c)) fieldErrors[`columns.${i}`] = [`unknown attribute "${c}" of ${query.objectType}`];
  });
  const messages = [...new Set(Object.values(fieldErrors).flat())];
  if (messages.length > 0) throw new AppError("INVALID_INPUT", messages.join("; "), { details: { fieldErrors } });
  return [...known];
}

function defaultColumns(query: MvQuery, known: string[]): string[] {
  const wanted = [...query.clauses.map((c) => c.attr), ...DEFAULT_COLUMNS].filter((a) => a !== "displayName" && known.includes(a));
  return [...new Set(wanted)].slice(0, DEFAULT_COLUMN_COUNT);
}

export async function queryMetaverse(actor: SessionUser, query: MvQuery, db: Db = getDb()): Promise<MvQueryPage> {
  assertRole(actor, "helpdesk");
  const known = await attributesOf(query, db);
  const columns = query.columns.length > 0 ? [...new Set(query.columns)] : defaultColumns(query, known);

  // One row more than the page tells whether another page follows in that direction.
  const backward = query.before !== undefined;
  const ids = await selectMvQueryIds(
    { objectType: query.objectType, join: query.join, clauses: query.clauses, after: query.after, before: query.before, limit: query.size + 1 },
    db,
  );
  const more = ids.length > query.size;
  const pageIds = ids.slice(0, query.size);
  if (backward) {
    // Nothing before the cursor any more (deleted since): show the first page rather than an empty one.
    if (pageIds.length === 0) return queryMetaverse(actor, { ...query, before: undefined }, db);
    pageIds.reverse();
  }

  const rows = await selectMvObjectsInOrder(pageIds, db);
  const hits = rows.map((r) => {
    const attrs = parseJsonObject<AttrValues>(r.attrs, {});
    const values: Record<string, string[]> = {};
    for (const c of columns) if (attrs[c]?.length) values[c] = attrs[c];
    return { id: r.id, objectType: r.objectType, displayName: displayNameOf(attrs, r.id), values, updatedAt: r.updatedAt.toISOString() };
  });
  const firstId = pageIds[0];
  const lastId = pageIds.at(-1);
  return {
    hits,
    columns,
    size: query.size,
    nextAfter: backward ? (lastId ?? null) : more ? (lastId ?? null) : null,
    // A page reached forward from a cursor has a page before it; an empty one links back to the first page.
    previousBefore: backward ? (more ? (firstId ?? null) : null) : query.after !== undefined ? (firstId ?? null) : null,
  };
}
