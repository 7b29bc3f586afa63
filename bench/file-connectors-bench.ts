// File connector parse benchmark: generates an N-row delimited file (quoted fields, multi-values)
// and an N-row fixed-width file (two record types), then full-imports each through its connector
// (consuming fullImport() batches, no engine) in its own child process, so each peak RSS is its own.
// Prints rows/s and peak RSS per format, then one JSON line.
// usage: tsx bench/file-connectors-bench.ts [rows]        (default 1,000,000)
//        tsx bench/file-connectors-bench.ts --measure <delimited|fixed-width> <file> <rows>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { delimitedConnectorType } from "../lib/connectors/delimited/delimited-connector.ts";
import { fixedWidthConnectorType } from "../lib/connectors/fixed-width/fixed-width-connector.ts";
import type { Connector } from "../lib/engine/connector.ts";

const TARGET_ROWS_PER_SECOND = 50_000;
const TARGET_PEAK_RSS_MB = 300;

const fixedColumns = [
  { name: "id", start: 3, length: 10 },
  { name: "givenName", start: 13, length: 15 },
  { name: "sn", start: 28, length: 15 },
  { name: "salary", start: 43, length: 8, align: "right", pad: "0", objectTypes: ["person"] },
  { name: "mail", start: 51, length: 40, objectTypes: ["person"] },
  { name: "member", start: 43, length: 40, objectTypes: ["group"] },
];

function connectorFor(format: string, file: string): Connector {
  if (format === "delimited") {
    return delimitedConnectorType.create(delimitedConnectorType.configSchema.parse({ path: file, anchor: "id", multiValued: ["mail"], dnTemplate: "uid={id},ou=people" }));
  }
  return fixedWidthConnectorType.create(
    fixedWidthConnectorType.configSchema.parse({ path: file, anchor: "id", columns: fixedColumns, recordType: { start: 1, length: 2, types: { "01": "person", "02": "group" } }, multiValued: ["mail", "member"] }),
  );
}

async function writeLines(file: string, rows: number, header: string | null, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  if (header) await write(header + "\n");
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(line(i));
    if (chunk.length === 1000) {
      await write(chunk.join("\n") + "\n");
      chunk = [];
    }
  }
  if (chunk.length) await write(chunk.join("\n") + "\n");
  await new Promise<void>((r) => out.end(() => r()));
}

const delimitedLine = (i: number) => `E${i},Given${i},"Sur, ${i}",D${i % 50},e${i}@example.com|e${i}@mail.example.com,"Engineer ""II"""`;
const fixedLine = (i: number) =>
  i % 100 === 99
    ? `02${`G${i}`.padEnd(10)}${"Group".padEnd(15)}${"".padEnd(15)}${`E${i - 1}|E${i - 2}`.padEnd(40)}`
    : `01${`E${i}`.padEnd(10)}${`Given${i}`.padEnd(15)}${`Sur${i}`.padEnd(15)}${String(40000 + (i % 9000)).padStart(8, "0")}${`e${i}@example.com|x${i}@example.com`.padEnd(40)}`;

async function measure(format: string, file: string, rows: number): Promise<void> {
  const connector = connectorFor(format, file);
  const started = process.hrtime.bigint();
  let objects = 0;
  let errors = 0;
  for await (const batch of connector.fullImport({ batchSize: 1000 })) {
    for (const item of batch) {
      if (item.kind === "object") objects += 1;
      else errors += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ format, rows, objects, errors, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(objects / seconds), peakRssMb }));
}

async function main(): Promise<void> {
  if (process.argv[2] === "--measure") return measure(process.argv[3]!, process.argv[4]!, Number(process.argv[5]));
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-file-bench-"));
  try {
    const files = { delimited: path.join(dir, "people.csv"), "fixed-width": path.join(dir, "people.dat") };
    await writeLines(files.delimited, rows, "id,givenName,sn,department,mail,title", delimitedLine);
    await writeLines(files["fixed-width"], rows, null, fixedLine);
    const results = [];
    for (const [format, file] of Object.entries(files)) {
      const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, "--measure", format, file, String(rows)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
      const r = JSON.parse(out.trim().split("\n").at(-1)!);
      const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(0);
      const ok = r.perSecond >= TARGET_ROWS_PER_SECOND && r.peakRssMb < TARGET_PEAK_RSS_MB && r.errors === 0 ? "ok" : "BELOW TARGET";
      console.log(`${format.padEnd(12)} N=${rows} (${mb} MB)  ${String(r.perSecond).padStart(8)} rows/s  ${r.seconds} s  peak RSS ${r.peakRssMb} MB  errors ${r.errors}  [${ok}: >= ${TARGET_ROWS_PER_SECOND} rows/s, < ${TARGET_PEAK_RSS_MB} MB]`);
      results.push(r);
    }
    console.log(JSON.stringify({ rows, results }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
