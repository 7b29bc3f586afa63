// LDIF connector benchmark in its own process (so peak RSS is this run's own): writes N entries
// (folded and base64 values, multi-valued mail), then a full import through the connector.
// Prints entries/s and peak RSS as one JSON line. usage: tsx bench/ldif-bench.ts [N]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ldifConnectorType } from "../lib/connectors/ldif/ldif-connector.ts";

const N = Number(process.argv[2] ?? 200_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-ldif-bench-"));
const file = path.join(dir, "people.ldif");

async function writeFile(): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write("version: 1\n\n");
  const photo = Buffer.alloc(48, 7).toString("base64");
  for (let i = 0; i < N; i++) {
    const rec =
      `dn: uid=user${i},ou=people,dc=example,dc=com\nobjectClass: top\nobjectClass: inetOrgPerson\nuid: user${i}\n` +
      `employeeNumber: ${i}\ncn: Given${i} Sur${i}\nsn: Sur${i}\ngivenName: Given${i}\n` +
      `displayName:: ${Buffer.from(`Gïven${i} Sür${i}`).toString("base64")}\nmail: user${i}@one.example\nmail: user${i}@two.example\n` +
      `description: a description long enough to be folded by a writer that wraps at seventy-six\n  columns, number ${i}\njpegPhoto:: ${photo}\n\n`;
    if (!out.write(rec)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function main() {
  await writeFile();
  const rssBefore = Math.round(process.memoryUsage().rss / 1048576);
  const fileBytes = fs.statSync(file).size;
  const connector = ldifConnectorType.create(ldifConnectorType.configSchema.parse({ path: file, anchor: "employeeNumber" }));
  let objects = 0;
  let errors = 0;
  const start = performance.now();
  for await (const batch of connector.fullImport({ batchSize: 1000 })) for (const item of batch) item.kind === "object" ? objects++ : errors++;
  const seconds = (performance.now() - start) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  if (objects !== N || errors) throw new Error(`imported ${objects} objects and ${errors} errors of ${N}`);
  const mb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ n: N, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(N / seconds), peakRssMb: Math.round(mb), rssBeforeImportMb: rssBefore, fileMb: Math.round(fileBytes / 1048576) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
