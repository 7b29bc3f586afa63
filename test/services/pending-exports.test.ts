// Staging mode and the pending-exports review against a real SQLite database: the switch (audited),
// search and filters, CSV and LDIF downloads of what staging held, and the LDIF change-record shapes.
import { parse } from "csv-parse/sync";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PendingExportView } from "../../lib/dto/connector-space.ts";
import { getManagementAgent, setStagingMode } from "../../lib/services/management-agents.ts";
import { ldifChangeRecord } from "../../lib/services/pending-export-formats.ts";
import { downloadPendingExports, listPendingExports, readDownload } from "../../lib/services/pending-exports.ts";
import { admin, consoleWorld, helpdesk, people, type ConsoleWorld } from "./console-kit.ts";

describe("pending exports review", () => {
  let w: ConsoleWorld;
  let outId: string;

  beforeAll(async () => {
    w = await consoleWorld("pending", { stagingMode: true });
    outId = await w.maId("Out");
    expect((await w.s.run("HR", "full-import", "full-sync")).status).toBe("success");
  });
  afterAll(async () => {
    await w?.cleanup();
  });

  it("holds the exports of an MA in staging mode", async () => {
    expect((await getManagementAgent(admin, outId, w.db)).stagingMode).toBe(true);
    const held = await w.s.run("Out", "export");
    expect(held.status).toBe("success");
    expect(held.steps[0]!.message).toContain("staging mode: 3 pending exports held");
    expect(fs.existsSync(w.out)).toBe(false);
  });

  it("searches by DN (case-insensitive) and filters by operation and status, page by page", async () => {
    await expect(listPendingExports(helpdesk, outId, { page: 1 }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const all = await listPendingExports(admin, outId, { page: 1 }, w.db, 2);
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.items.map((p) => p.dn)).toEqual(["E1", "E2"]);
    expect((await listPendingExports(admin, outId, { page: 2 }, w.db, 2)).items.map((p) => p.dn)).toEqual(["E3"]);
    expect((await listPendingExports(admin, outId, { page: 1, dn: "e2" }, w.db)).items.map((p) => p.dn)).toEqual(["E2"]);
    expect((await listPendingExports(admin, outId, { page: 1, op: "add", status: "pending" }, w.db)).total).toBe(3);
    expect((await listPendingExports(admin, outId, { page: 1, op: "delete" }, w.db)).total).toBe(0);
    expect((await listPendingExports(admin, outId, { page: 1, status: "exported" }, w.db)).total).toBe(0);
    const e1 = all.items[0]!;
    expect(e1).toMatchObject({ op: "add", status: "pending", changes: { uid: { replace: ["E1"] }, cn: { replace: ["GE1 SE1"] } } });
    await expect(listPendingExports(admin, "nope", { page: 1 }, w.db)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("downloads them as CSV, filtered, and audits the download", async () => {
    const file = await downloadPendingExports(admin, outId, { format: "csv" }, w.db);
    expect(file).toMatchObject({ filename: "Out-pending-exports.csv", contentType: expect.stringContaining("text/csv") });
    const rows = parse(await readDownload(file), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.dn).sort()).toEqual(["E1", "E2", "E3"]);
    expect(rows[0]).toMatchObject({ op: "add", status: "pending" });
    expect(JSON.parse(rows.find((r) => r.dn === "E2")!.changes!)).toMatchObject({ uid: { replace: ["E2"] } });
    const filtered = parse(await readDownload(await downloadPendingExports(admin, outId, { format: "csv", dn: "E3" }, w.db)), { columns: true });
    expect(filtered).toHaveLength(1);
    expect(await w.db.auditEvent.count({ where: { action: "ma.pending-exports.download", actor: "alice-admin" } })).toBe(2);
    await expect(downloadPendingExports(helpdesk, outId, { format: "csv" }, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("downloads them as LDIF change records", async () => {
    const ldif = await readDownload(await downloadPendingExports(admin, outId, { format: "ldif" }, w.db));
    expect(ldif.startsWith("version: 1\n\n")).toBe(true);
    expect(ldif).toContain("dn: E1\nchangetype: add\n");
    expect(ldif).toContain("cn: GE1 SE1\n");
    expect(ldif.match(/changetype: add/g)).toHaveLength(3);
  });

  it("switches staging mode off (audited); the export then writes and the held rows become exported", async () => {
    await expect(setStagingMode(helpdesk, outId, false, w.db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await setStagingMode(admin, outId, false, w.db)).toEqual({ maId: outId, stagingMode: false });
    expect(await w.db.auditEvent.findFirst({ where: { action: "ma.staging-mode" } })).toMatchObject({ actor: "alice-admin", target: "Out", details: JSON.stringify({ enabled: false }) });
    expect((await w.s.run("Out", "export")).status).toBe("success");
    expect(fs.readFileSync(w.out, "utf8")).toContain("E2");
    expect((await listPendingExports(admin, outId, { page: 1, status: "exported" }, w.db)).total).toBe(3);
    // setting the same value again changes nothing and is not audited twice
    await setStagingMode(admin, outId, false, w.db);
    expect(await w.db.auditEvent.count({ where: { action: "ma.staging-mode" } })).toBe(1);
  });

  it("writes updates and deletes as modify and delete records", async () => {
    expect((await w.s.run("Out", "full-import", "delta-sync")).status).toBe("success");
    fs.writeFileSync(w.hr, people(["E1", "E2"]).replace("E1,GE1,SE1", "E1,GE1,Renamed"));
    expect((await w.s.run("HR", "full-import", "delta-sync")).status).toBe("success");
    const ldif = await readDownload(await downloadPendingExports(admin, outId, { format: "ldif", status: "pending" }, w.db));
    expect(ldif).toContain("dn: E1\nchangetype: modify\nreplace: cn\ncn: GE1 Renamed\n-\n\n");
    expect(ldif).toContain("dn: E3\nchangetype: delete\n\n");
    expect((await listPendingExports(admin, outId, { page: 1, op: "delete" }, w.db)).items.map((p) => p.dn)).toEqual(["E3"]);
  });
});

describe("LDIF change records", () => {
  const pe = (over: Partial<PendingExportView>): PendingExportView => ({
    id: "1", maId: "m", csId: "c", op: "update", dn: "uid=a,ou=people,dc=x", newDn: null, changes: {}, status: "pending",
    error: null, exportRunId: null, exportedAt: null, updatedAt: "2026-01-01T00:00:00.000Z", ...over,
  });

  it("renames with modrdn (newsuperior only when the parent changes) and then modifies", () => {
    expect(ldifChangeRecord(pe({ op: "rename", newDn: "uid=b,ou=people,dc=x" }))).toBe("dn: uid=a,ou=people,dc=x\nchangetype: modrdn\nnewrdn: uid=b\ndeleteoldrdn: 1\n\n");
    expect(ldifChangeRecord(pe({ op: "rename", newDn: "uid=a,ou=gone,dc=x", changes: { title: { replace: ["X"] } } }))).toBe(
      "dn: uid=a,ou=people,dc=x\nchangetype: modrdn\nnewrdn: uid=a\ndeleteoldrdn: 1\nnewsuperior: ou=gone,dc=x\n\n" +
        "dn: uid=a,ou=gone,dc=x\nchangetype: modify\nreplace: title\ntitle: X\n-\n\n",
    );
  });

  it("writes add/remove values, clears with an empty replace, and base64-encodes unsafe values", () => {
    const out = ldifChangeRecord(pe({ changes: { member: { add: ["cn=n"], remove: ["cn=o"] }, description: { replace: [] }, sn: { replace: ["Müller"] }, note: { replace: [" lead"] } } }));
    expect(out).toBe(
      "dn: uid=a,ou=people,dc=x\nchangetype: modify\n" +
        "delete: member\nmember: cn=o\n-\nadd: member\nmember: cn=n\n-\n" +
        "replace: description\n-\n" +
        `replace: sn\nsn:: ${Buffer.from("Müller").toString("base64")}\n-\n` +
        `replace: note\nnote:: ${Buffer.from(" lead").toString("base64")}\n-\n\n`,
    );
    expect(ldifChangeRecord(pe({ changes: {} }))).toBe("");
  });
});
