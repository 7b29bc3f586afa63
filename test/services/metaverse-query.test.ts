// The Metaverse Search query builder against real databases (SQLite and PostgreSQL): every operator,
// and / or, object type, keyset paging across pages, chosen columns, bad input and the SQLite plan.
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../lib/engine/ids.ts";
import { mvQueryFromParams, mvQuerySchema, mvQueryToParams, type MvQuery, type MvQueryInput } from "../../lib/schemas/mv-query.ts";
import { queryMetaverse } from "../../lib/services/metaverse-query.ts";
import type { Db } from "../../lib/store/db.ts";
import { mvQuerySql, prefixUpperBound } from "../../lib/store/mv-query-queries.ts";
import { valueKey } from "../../lib/store/value-key.ts";
import { forEachProvider } from "../support/databases.ts";
import { helpdesk } from "./console-kit.ts";

const PERSON_ATTRS = ["employeeID", "displayName", "title", "department", "mail", "accountName"];
const BULK = 57;

type Attrs = Record<string, string[]>;

async function seed(db: Db): Promise<void> {
  await db.mvObjectType.create({ data: { name: "person" } });
  await db.mvObjectType.create({ data: { name: "group" } });
  for (const name of PERSON_ATTRS) await db.mvAttribute.create({ data: { objectType: "person", name, type: "string", multiValued: false, indexed: true, precedence: "ranked" } });
  await db.mvAttribute.create({ data: { objectType: "group", name: "cn", type: "string", multiValued: false, indexed: true, precedence: "ranked" } });
  const people: Attrs[] = [
    { employeeID: ["1"], displayName: ["Ada Lovelace"], title: ["Chief Engineer"], department: ["Engineering"], mail: ["ada@example.com"] },
    { employeeID: ["2"], displayName: ["Alan Turing"], title: ["Principal Scientist"], department: ["Research"], mail: ["alan@example.com"] },
    { employeeID: ["3"], displayName: ["Grace Hopper"], title: ["Engineering Manager"], department: ["ENGINEERING"] },
    { employeeID: ["4"], displayName: ["Edsger Dijkstra"], title: ["Software Engineer"], department: ["Engineering"], mail: ["edsger@example.com"] },
    { employeeID: ["5"], displayName: ["Donald Knuth"], title: ["Technical Writer"], department: ["Documentation"] },
    // LIKE's wildcards are literal characters of a search value
    { employeeID: ["6"], displayName: ["Sale Person"], title: ["50% off_sale"], department: ["Sales"] },
    { employeeID: ["7"], displayName: ["Other Sale"], title: ["50 percent offXsale"], department: ["Sales"] },
    ...Array.from({ length: BULK }, (_, i) => ({ employeeID: [`b${i}`], displayName: [`Bulk ${i}`], department: ["Bulk"], title: [`Clerk ${i}`] })),
  ];
  const objects = [
    ...people.map((attrs) => ({ id: newId(), objectType: "person", attrs })),
    { id: newId(), objectType: "group", attrs: { cn: ["Engineering"] } as Attrs },
  ];
  await db.mvObject.createMany({ data: objects.map((o) => ({ id: o.id, objectType: o.objectType, attrs: JSON.stringify(o.attrs) })) });
  await db.mvValue.createMany({
    data: objects.flatMap((o) => Object.entries(o.attrs).flatMap(([attr, values]) => values.map((value) => ({ mvId: o.id, attr, value, valueKey: valueKey(value) })))),
  });
}

const q = (input: Partial<MvQueryInput> & Pick<MvQueryInput, "clauses">): MvQuery => mvQuerySchema.parse({ objectType: "person", ...input });

forEachProvider((ctx) => {
  beforeAll(async () => {
    await seed(ctx.db);
  });

  const names = async (query: MvQuery) => (await queryMetaverse(helpdesk, query, ctx.db)).hits.map((h) => h.displayName).sort();

  it("equals is exact and case-insensitive; starts with and contains match parts of a value", async () => {
    expect(await names(q({ clauses: [{ attr: "department", op: "equals", value: " engineering " }] }))).toEqual(["Ada Lovelace", "Edsger Dijkstra", "Grace Hopper"]);
    expect(await names(q({ clauses: [{ attr: "department", op: "equals", value: "engineer" }] }))).toEqual([]);
    expect(await names(q({ clauses: [{ attr: "title", op: "startsWith", value: "PRINC" }] }))).toEqual(["Alan Turing"]);
    expect(await names(q({ clauses: [{ attr: "title", op: "startsWith", value: "engineering m" }] }))).toEqual(["Grace Hopper"]);
    expect(await names(q({ clauses: [{ attr: "title", op: "contains", value: "engineer" }] }))).toEqual(["Ada Lovelace", "Edsger Dijkstra", "Grace Hopper"]);
    expect(await names(q({ clauses: [{ attr: "title", op: "contains", value: "% off_" }] }))).toEqual(["Sale Person"]);
    expect(await names(q({ clauses: [{ attr: "title", op: "startsWith", value: "50%" }] }))).toEqual(["Sale Person"]);
  });

  it("present and not present test whether the attribute has a value", async () => {
    expect(await names(q({ clauses: [{ attr: "mail", op: "present" }] }))).toEqual(["Ada Lovelace", "Alan Turing", "Edsger Dijkstra"]);
    const without = await names(q({ clauses: [{ attr: "mail", op: "notPresent" }], size: 200 }));
    expect(without).toHaveLength(4 + BULK);
    expect(without).toContain("Grace Hopper");
    expect(without).not.toContain("Ada Lovelace");
  });

  it("and needs every clause, or any clause", async () => {
    const clauses = [
      { attr: "department", op: "equals" as const, value: "Engineering" },
      { attr: "mail", op: "present" as const },
    ];
    expect(await names(q({ join: "and", clauses }))).toEqual(["Ada Lovelace", "Edsger Dijkstra"]);
    const or = [{ attr: "title", op: "contains" as const, value: "engineer" }, { attr: "department", op: "equals" as const, value: "research" }];
    expect(await names(q({ join: "or", clauses: or }))).toEqual(["Ada Lovelace", "Alan Turing", "Edsger Dijkstra", "Grace Hopper"]);
    expect(await names(q({ join: "and", clauses: or }))).toEqual([]);
  });

  it("searches only the chosen object type", async () => {
    const groups = await queryMetaverse(helpdesk, q({ objectType: "group", clauses: [{ attr: "cn", op: "equals", value: "engineering" }] }), ctx.db);
    expect(groups.hits.map((h) => [h.objectType, h.displayName])).toEqual([["group", "Engineering"]]);
    expect(groups.columns).toEqual(["cn"]);
    expect(await names(q({ clauses: [{ attr: "department", op: "startsWith", value: "engineering" }] }))).not.toContain("Engineering");
  });

  it("pages forward and back by id with no duplicates or gaps", async () => {
    const base = { clauses: [{ attr: "department", op: "equals" as const, value: "bulk" }], size: 10 };
    const all = (await queryMetaverse(helpdesk, q({ ...base, size: 200 }), ctx.db)).hits.map((h) => h.id);
    expect(all).toHaveLength(BULK);
    expect([...all].sort()).toEqual(all); // ordered by id, which is creation order (UUIDv7)

    const forward: string[][] = [];
    let page = await queryMetaverse(helpdesk, q(base), ctx.db);
    expect(page.previousBefore).toBeNull();
    for (;;) {
      forward.push(page.hits.map((h) => h.id));
      if (!page.nextAfter) break;
      page = await queryMetaverse(helpdesk, q({ ...base, after: page.nextAfter }), ctx.db);
    }
    expect(forward.map((p) => p.length)).toEqual([10, 10, 10, 10, 10, 7]);
    expect(forward.flat()).toEqual(all);

    const backward: string[][] = [];
    for (;;) {
      backward.unshift(page.hits.map((h) => h.id));
      if (!page.previousBefore) break;
      page = await queryMetaverse(helpdesk, q({ ...base, before: page.previousBefore }), ctx.db);
    }
    expect(backward).toEqual(forward);
    expect(page.nextAfter).toBe(forward[0].at(-1));

    // a cursor past the end: an empty page that still links back to the first one through the UI
    const end = await queryMetaverse(helpdesk, q({ ...base, after: all.at(-1) }), ctx.db);
    expect(end).toMatchObject({ hits: [], nextAfter: null });
  });

  it("shows the chosen columns, or the searched and identifying attributes by default", async () => {
    const chosen = await queryMetaverse(helpdesk, q({ clauses: [{ attr: "employeeID", op: "equals", value: "1" }], columns: ["mail", "title"] }), ctx.db);
    expect(chosen.columns).toEqual(["mail", "title"]);
    expect(chosen.hits).toEqual([expect.objectContaining({ displayName: "Ada Lovelace", values: { mail: ["ada@example.com"], title: ["Chief Engineer"] } })]);
    const dflt = await queryMetaverse(helpdesk, q({ clauses: [{ attr: "title", op: "equals", value: "chief engineer" }] }), ctx.db);
    expect(dflt.columns).toEqual(["title", "accountName", "mail", "employeeID"]);
  });

  it("names an unknown attribute or object type", async () => {
    await expect(queryMetaverse(helpdesk, q({ clauses: [{ attr: "nosuch", op: "equals", value: "x" }] }), ctx.db)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: 'unknown attribute "nosuch" of person',
      details: { fieldErrors: { "clauses.0.attr": ['unknown attribute "nosuch" of person'] } },
    });
    await expect(queryMetaverse(helpdesk, q({ clauses: [{ attr: "mail", op: "present" }], columns: ["salary"] }), ctx.db)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining('"salary"'),
    });
    await expect(queryMetaverse(helpdesk, q({ objectType: "robot", clauses: [{ attr: "mail", op: "present" }] }), ctx.db)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: 'unknown object type "robot"',
    });
  });

  if (ctx.provider === "sqlite") {
    it("starts equals and starts with from the (attr, valueKey) index, and walks other queries by (objectType, id)", async () => {
      const plan = async (query: MvQuery) => {
        const sql = mvQuerySql({ ...query, limit: 11 });
        const rows = await ctx.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.values);
        return rows.map((r) => r.detail);
      };
      const firstSearch = (lines: string[]) => lines.find((l) => l.startsWith("SEARCH") || l.startsWith("SCAN"));
      const equals = await plan(q({ clauses: [{ attr: "mail", op: "equals", value: "ada@example.com" }, { attr: "title", op: "present" }] }));
      expect(firstSearch(equals)).toMatch(/^SEARCH v USING (COVERING )?INDEX MvValue_attr_valueKey_idx \(attr=\? AND valueKey=\?\)$/);
      const prefix = await plan(q({ clauses: [{ attr: "mail", op: "startsWith", value: "ada" }], after: "0" }));
      expect(firstSearch(prefix)).toMatch(/^SEARCH v USING (COVERING )?INDEX MvValue_attr_valueKey_idx \(attr=\? AND valueKey>\? AND valueKey<\?\)$/);
      // no index clause to start from: the type's mventries in id order from the cursor, no sort of all of them
      const walk = await plan(q({ clauses: [{ attr: "mail", op: "notPresent" }], after: "0" }));
      expect(firstSearch(walk)).toBe("SEARCH o USING COVERING INDEX MvObject_objectType_id_idx (objectType=? AND id>?)");
      expect(walk.join("\n")).not.toContain("TEMP B-TREE");
    });
  }
});

describe("the query in the URL", () => {
  it("round-trips through search params, and reads the old one-clause search", () => {
    const query = q({ join: "or", clauses: [{ attr: "title", op: "contains", value: "a&b=c" }, { attr: "mail", op: "present" }], columns: ["mail"], size: 10 });
    const params = mvQueryToParams(query, { after: "0190-abc" });
    expect(mvQuerySchema.parse(mvQueryFromParams(params))).toEqual({ ...query, after: "0190-abc" });
    expect(mvQuerySchema.parse(mvQueryFromParams({ objectType: "person", attr: "accountName", match: "prefix", value: "ada." }))).toMatchObject({
      join: "and", clauses: [{ attr: "accountName", op: "startsWith", value: "ada." }], size: 25,
    });
  });

  it("rejects a clause without a value, two cursors, a bad page size", () => {
    const bad = mvQuerySchema.safeParse({ objectType: "person", clauses: [{ attr: "mail", op: "equals", value: " " }], after: "a", before: "b", size: "0" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["clauses.0.value", "size", "after"]);
    const both = mvQuerySchema.safeParse({ objectType: "person", clauses: [{ attr: "mail", op: "present" }], after: "a", before: "b" });
    expect(both.error!.issues.map((i) => i.message)).toEqual(["a page is either after or before a cursor, not both"]);
  });

  it("bounds a prefix range by code point", () => {
    expect(prefixUpperBound("ada")).toBe("adb");
    expect(prefixUpperBound("a\u{10FFFF}")).toBe("b");
    expect(prefixUpperBound("\uD7FF")).toBe("\uE000");
    expect(prefixUpperBound("\u{10FFFF}")).toBeNull();
  });
});
