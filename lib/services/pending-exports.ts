// The pending-exports review of an MA (admin; staging mode, issue 8): search and filter them, and
// download them as CSV or as LDIF change records, streamed in keyset batches.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { PendingExportFilter, PendingExportView } from "../dto/connector-space.ts";
import type { Page } from "../dto/run.ts";
import { AppError } from "../errors/app-error.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectMaRef } from "../store/ma-detail-queries.ts";
import { pendingExportBatches, selectPendingExports } from "../store/pending-export-queries.ts";
import { recordAudit } from "./audit.ts";
import { csvHeader, csvRows, LDIF_HEADER, ldifChangeRecord } from "./pending-export-formats.ts";

export const PENDING_EXPORTS_PAGE_SIZE = 50;

async function maOrThrow(maId: string, db: Db) {
  const ma = await selectMaRef(maId, db);
  if (!ma) throw new AppError("NOT_FOUND", `no management agent with id ${maId}`);
  return ma;
}

export async function listPendingExports(
  actor: SessionUser,
  maId: string,
  query: PendingExportFilter & { page: number },
  db: Db = getDb(),
  pageSize = PENDING_EXPORTS_PAGE_SIZE,
): Promise<Page<PendingExportView>> {
  assertRole(actor, "admin");
  await maOrThrow(maId, db);
  return selectPendingExports(maId, query, query.page, pageSize, db);
}

export interface PendingExportDownload {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/** A streamed file of every matching pending export; the download is audited (it may hold personal data). */
export async function downloadPendingExports(
  actor: SessionUser,
  maId: string,
  input: PendingExportFilter & { format: "csv" | "ldif" },
  db: Db = getDb(),
): Promise<PendingExportDownload> {
  assertRole(actor, "admin");
  const ma = await maOrThrow(maId, db);
  const { format, ...filter } = input;
  await recordAudit(actor.username, "ma.pending-exports.download", ma.name, { format, ...filter }, db);
  const encoder = new TextEncoder();
  const batches = pendingExportBatches(ma.id, filter, 500, db);
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(format === "csv" ? csvHeader() : LDIF_HEADER));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(format === "csv" ? csvRows(next.value) : next.value.map(ldifChangeRecord).join("")));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const safeName = ma.name.replace(/[^A-Za-z0-9_-]+/g, "_");
  return {
    filename: `${safeName}-pending-exports.${format === "csv" ? "csv" : "ldif"}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8",
    body,
  };
}

/** Collects a download into one string (tests and small callers). */
export async function readDownload(d: PendingExportDownload): Promise<string> {
  return new Response(d.body).text();
}
