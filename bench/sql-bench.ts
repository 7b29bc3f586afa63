// SQL connector full import benchmark (own process): `tsx bench/sql-bench.ts [rows]` (default 1,000,000).
// Builds a PostgreSQL table with generate_series in a throwaway schema, then reads it twice in the
// same run: a plain server-side cursor read with pg (the raw rate), and the connector's fullImport
// consuming batches without the engine. Prints rows/s and peak RSS of each, then one JSON line.
import crypto from "node:crypto";
import pg from "pg";
import { sqlConnectorType } from "../lib/connectors/sql/sql-connector.ts";

const PG_URL = process.env.IDSYNC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const rows = Number(process.argv[2] ?? process.env.BENCH_SQL_ROWS ?? 1_000_000);
const BATCH = 1000;
const mb = (n: number) => Math.round(n / 1024 / 1024);

/** Samples RSS while `fn` runs (every batch via `tick`, and on a timer). */
async function measure(label: string, fn: (tick: () => void) => Promise<number>) {
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const tick = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(tick, 20);
  const t0 = performance.now();
  const n = await fn(tick);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  tick();
  const result = { label, rows: n, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(n / seconds), startRssMb: mb(startRss), peakRssMb: mb(peak) };
  console.error(`${label.padEnd(34)} ${String(result.perSecond).padStart(9)} rows/s  ${result.seconds} s  RSS ${result.startRssMb} -> peak ${result.peakRssMb} MB`);
  return result;
}

async function main() {
  const schema = `idsync_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const t0 = performance.now();
    await admin.query(`CREATE UNLOGGED TABLE "${schema}".people (uid text PRIMARY KEY, "displayName" text, title text, mail text, employee_no int, hired date)`);
    await admin.query(
      `INSERT INTO "${schema}".people SELECT 'u' || lpad(g::text, 8, '0'), 'Person ' || g, 'Title ' || (g % 50), 'u' || g || '@example.com', g, DATE '2000-01-01' + (g % 9000)
         FROM generate_series(1, $1::int) g`,
      [rows],
    );
    await admin.query(`VACUUM ANALYZE "${schema}".people`);
    console.error(`sql bench: ${rows} rows in PostgreSQL (${((performance.now() - t0) / 1000).toFixed(1)} s to build)`);

    const raw = await measure("raw pg cursor (FETCH 1000)", async (tick) => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      let n = 0;
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await c.query(`DECLARE raw NO SCROLL CURSOR FOR SELECT * FROM "${schema}".people ORDER BY uid`);
      for (;;) {
        const r = await c.query(`FETCH FORWARD ${BATCH} FROM raw`);
        n += r.rows.length;
        tick();
        if (r.rows.length < BATCH) break;
      }
      await c.query("COMMIT");
      await c.end();
      return n;
    });

    const connector = await measure("connector fullImport (batch 1000)", async (tick) => {
      const config = sqlConnectorType.configSchema.parse({
        dialect: "postgres",
        host: new URL(PG_URL).hostname,
        port: Number(new URL(PG_URL).port || 5432),
        database: new URL(PG_URL).pathname.slice(1),
        user: decodeURIComponent(new URL(PG_URL).username) || "postgres",
        schema,
        table: "people",
        anchor: "uid",
        dnTemplate: "uid={uid},ou=people,dc=example,dc=com",
      });
      const c = sqlConnectorType.create(config);
      let n = 0;
      try {
        for await (const batch of c.fullImport({ batchSize: BATCH })) {
          for (const item of batch) if (item.kind === "object") n++;
          tick();
        }
      } finally {
        await c.close();
      }
      return n;
    });

    if (connector.rows !== rows || raw.rows !== rows) throw new Error(`expected ${rows} rows, read raw ${raw.rows}, connector ${connector.rows}`);
    const ratio = connector.perSecond / raw.perSecond;
    console.error(`connector/raw: ${(ratio * 100).toFixed(0)}%  target >= 50000 rows/s: ${connector.perSecond >= 50_000 ? "met" : "MISSED"}`);
    console.log(JSON.stringify({ rows, raw, connector, maxRssMb: mb(process.resourceUsage().maxRSS * 1024) }));
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
