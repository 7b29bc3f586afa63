// Read model of the Joiner: disconnectors per management agent.
import type { DisconnectorGroup } from "../dto/metaverse.ts";
import { getDb, type Db, type Tx } from "./db.ts";

export async function selectDisconnectors(
  opts: { state: string; limitPerMa: number },
  db: Db | Tx = getDb(),
): Promise<DisconnectorGroup[]> {
  const mas = await db.managementAgent.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return Promise.all(
    mas.map(async (ma) => {
      const where = { maId: ma.id, state: opts.state, deleted: false };
      const [total, rows] = await Promise.all([
        db.csObject.count({ where }),
        db.csObject.findMany({ where, orderBy: { dnKey: "asc" }, take: opts.limitPerMa }),
      ]);
      return {
        maId: ma.id,
        maName: ma.name,
        total,
        items: rows.map((c) => ({
          id: c.id, dn: c.dn, anchor: c.anchor, objectType: c.objectType, state: c.state, updatedAt: c.updatedAt.toISOString(),
        })),
      };
    }),
  );
}
